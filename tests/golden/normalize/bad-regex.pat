# a comment

email	[a-z]+@[a-z]+\.pl
url	(?:https?://
