# A record stream on stdin is found by its first line ("id" and a TAB).
glosy-import <stream.tsv
