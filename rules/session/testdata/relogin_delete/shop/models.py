class Account:
    @staticmethod
    def by_email(email):
        return None

    def save(self):
        pass


def check_password(account, phrase):
    return False
