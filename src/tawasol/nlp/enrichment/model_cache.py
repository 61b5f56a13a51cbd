"""The newest stored model of each key (a client, or a client and a task), loaded once per
process.

Each call costs one indexed lookup of the newest row id; the blob is read and deserialised
only when that id changed. A model the process cannot load is remembered as missing until a
newer one is stored. The ``capacity`` most recently used keys stay loaded (a model holds its
vocabulary and weights, a few MB).
"""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

from sqlalchemy.orm import Session

K = TypeVar("K", bound=Hashable)
M = TypeVar("M")


class NewestModelCache(ABC, Generic[K, M]):
    def __init__(self, capacity: int = 16) -> None:
        self._models: OrderedDict[K, tuple[int, M | None]] = OrderedDict()
        self._capacity = max(1, capacity)
        self._lock = threading.Lock()

    @abstractmethod
    def newest_id(self, session: Session, key: K) -> int | None:
        """The id of the newest stored model of ``key``."""

    @abstractmethod
    def load(self, session: Session, key: K, record_id: int) -> M | None:
        """Deserialise the stored model (None when this process cannot use it)."""

    def get(self, session: Session, key: K) -> M | None:
        record_id = self.newest_id(session, key)
        if record_id is None:
            return None
        with self._lock:
            cached = self._models.get(key)
            if cached is not None and cached[0] == record_id:
                self._models.move_to_end(key)
                return cached[1]
        model = self.load(session, key, record_id)
        with self._lock:
            self._models[key] = (record_id, model)
            self._models.move_to_end(key)
            while len(self._models) > self._capacity:
                self._models.popitem(last=False)
        return model
