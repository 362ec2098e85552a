# ALL CAPS answers tokenize like any other once glosy-normalize folded them.
glosy-normalize | glosy-tokenize | cut -f1,4
