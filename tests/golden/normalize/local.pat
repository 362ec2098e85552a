# local streets written without "ul."
street	(?i)\b(?:piotrkowsk|zgiersk)\p{L}*+\h++[0-9]{1,4}(?:/[0-9]{1,4})?(?![\w]) => <address>
person	(?i)\bjan(?:a|em|owi)?\h++kowalsk\p{L}*+ => <osoba>
@check pin pesel
pin	\b[0-9]{11}\b
