phone	[0-9]{9}
@check phone luhn
