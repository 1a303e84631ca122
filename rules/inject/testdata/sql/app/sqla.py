from sqlalchemy import Boolean, Column, Integer, String, create_engine
from sqlalchemy.orm import declarative_base, sessionmaker

Base = declarative_base()
session = sessionmaker(bind=create_engine("sqlite://"))()


class Ticket(Base):
    __tablename__ = "tickets"
    id = Column(Integer, primary_key=True)
    ref = Column(String)
    title = Column(String)
    body = Column(String)
    open = Column(Boolean)
