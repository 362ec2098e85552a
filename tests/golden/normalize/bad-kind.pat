Phone	[0-9]{9}
