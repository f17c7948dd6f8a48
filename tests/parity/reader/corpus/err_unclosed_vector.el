[a b
