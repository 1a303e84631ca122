class UserRepository:
    def __init__(self, conn):
        self.conn = conn

    def search(self, term):
        sql = "SELECT id FROM users WHERE bio LIKE '%" + term + "%'"
        return self.conn.execute(sql).fetchall()  # want: FLASK-INJECT-001

    def by_id(self, user_id):
        return self.conn.execute("SELECT * FROM users WHERE id = :id", {"id": user_id}).fetchall()


class User:
    query = None
