"""The shared export framework: column lists, the xlsx/CSV writers and the kinds registry.

Pure: it imports no app. Apps declare their kinds (export_kinds.py) and the incentive app's
export job runs any registered kind.
"""
