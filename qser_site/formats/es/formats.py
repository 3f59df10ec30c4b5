# Spanish: day/month/year, without leading zeros (RAE, Ortografía 2010).
SHORT_DATE_FORMAT = "j/n/Y"
SHORT_DATETIME_FORMAT = "j/n/Y H:i"
