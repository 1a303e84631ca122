module github.com/flasksec/flasksec

go 1.26
