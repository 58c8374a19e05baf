# Times everywhere Django formats them (the admin included) carry the portal time zone's name,
# as partner_center/formatting.py's local_time does: "2026-10-31 23:59 Asia/Shanghai".
DATETIME_FORMAT = "Y-m-d H:i e"
SHORT_DATETIME_FORMAT = "Y-m-d H:i e"
DATE_FORMAT = "Y-m-d"
SHORT_DATE_FORMAT = "Y-m-d"
