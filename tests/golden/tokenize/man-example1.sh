# The first example of glosy-tokenize(1).
printf 'id\ttext\n1\tBIAŁO-CZERWONE autobusy, 500+ i 🌳🌳!!!\n' |
    glosy-normalize | glosy-tokenize | cut -f1,4
