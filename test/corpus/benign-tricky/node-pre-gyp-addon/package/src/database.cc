// database binding
