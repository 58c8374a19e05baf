app_name = "incentives"

# Summary, Details and Export History are added here by their own issues; the menu in
# partner_center/navigation.py shows each entry as soon as its URL name exists.
urlpatterns: list = []
