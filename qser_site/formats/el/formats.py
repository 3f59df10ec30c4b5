# Greek: day/month/year without leading zeros and the 24-hour clock; the long date with the month in the
# genitive, as it is written ("7 Δεκεμβρίου 2026").
DATE_FORMAT = "j E Y"
DATETIME_FORMAT = "j E Y H:i"
SHORT_DATE_FORMAT = "j/n/Y"
SHORT_DATETIME_FORMAT = "j/n/Y H:i"
