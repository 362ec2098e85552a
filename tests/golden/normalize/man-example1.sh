# The first example of glosy-normalize(1).
printf 'id\ttext\n1\tPisz: Jan@example.com, tel. 601 234 567!!!\n' |
    glosy-normalize -r
