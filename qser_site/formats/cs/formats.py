# Czech: the day and month without a leading zero, each followed by a dot and a space (ČSN 01 6910).
SHORT_DATE_FORMAT = "j. n. Y"
SHORT_DATETIME_FORMAT = "j. n. Y G:i"
