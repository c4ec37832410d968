module github.com/kredo-dev/kredo

go 1.26
