(a)
#@5abcdefg hij
