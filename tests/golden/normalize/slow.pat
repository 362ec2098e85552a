slow	(?:a+)+$
