print("wirescore")
