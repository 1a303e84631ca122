import os

def handler(x):
    eval(x)  # want: FLASKSEC-TEST-001
    exec(x)  # want: FLASKSEC-TEST-001(low)
    print(x)
