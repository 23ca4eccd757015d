print("mirsad")
