# "3 de febrero de 2026", as Django's Spanish locale writes it; the time after a comma, as in
# English, rather than Django's "a las".
DATE_FORMAT = r"j \d\e F \d\e Y"
DATETIME_FORMAT = r"j \d\e F \d\e Y, H:i"
MONTH_DAY_FORMAT = r"j \d\e F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
# "1.000 firmas", as the issue-15 pledge progress reads in Spanish ("312 de 1.000 (31 %)"), rather
# than Django's no-break space; only grouped numbers (intcomma) use it, with
# USE_THOUSAND_SEPARATOR off.
THOUSAND_SEPARATOR = "."
