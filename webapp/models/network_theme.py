"""The network's vocabulary of themes. Each municipality names its own themes and may rename
them; each maps its themes to one of these, so that the network's figures and filters read one
theme where municipalities wrote "Mobiliteit" and "Mobiliteit en vervoer"."""

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from webapp.extensions import db


class NetworkTheme(db.Model):
    __tablename__ = "network_theme"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    position: Mapped[int] = mapped_column(default=0)
