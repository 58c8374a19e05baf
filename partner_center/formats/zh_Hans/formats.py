# Simplified Chinese: the same one display format as English (partner_center/formatting.py):
# dates as 2026-10-31, times with the portal time zone's name, amounts as 1,234.50 (Chinese
# finance documents use the same separators); only the month and day names read as Chinese.
DATETIME_FORMAT = "Y-m-d H:i e"
SHORT_DATETIME_FORMAT = "Y-m-d H:i e"
DATE_FORMAT = "Y-m-d"
SHORT_DATE_FORMAT = "Y-m-d"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "Y年n月"
MONTH_DAY_FORMAT = "n月j日"
FIRST_DAY_OF_WEEK = 1  # Monday
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
