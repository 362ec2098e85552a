# --explain is accepted and ignored, so both passes take the same options
glosy-stem --tally --explain tally.in
