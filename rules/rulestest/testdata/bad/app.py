def handler(x):
    eval(x)
    exec(x)  # want: FLASKSEC-TEST-001(high)
    print(x)  # want: FLASKSEC-TEST-001
