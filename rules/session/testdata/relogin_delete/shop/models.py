class Account:
    @staticmethod
    def by_email(email):
        return None

    @staticmethod
    def by_id(account_id):
        return None

    def save(self):
        pass


def check_password(account, phrase):
    return False
