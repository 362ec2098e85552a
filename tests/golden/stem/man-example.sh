# the EXAMPLES section of glosy-stem.1
printf 'id\ttokens\n1\tdrzew w lublinie\n' |
    glosy-stem --explain | cut -f3-
