# The two stages together on messy answers: redaction, typography, emoji,
# hyphens and amounts.
glosy-normalize | glosy-tokenize | cut -f1,3,4
