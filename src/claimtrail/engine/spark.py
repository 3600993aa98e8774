"""The Spark engine: reading and the per-document step on Spark executors
(``pip install claimtrail[spark]``).

Two kinds of jobs, both with ``mapPartitions``:

* **reading** (``read``): the inputs' paths (or, for a URL, the page the driver fetched)
  go to the executors, ``batch_docs`` inputs a partition, ``spark_docs_per_job`` a job;
  each partition runs ``ingest.pipeline.read_sources``: file bytes, decoding, feed /
  JSON / WARC parsing, trafilatura's main text, unicode repair, text normalisation and
  the lines the furniture counter learns. The driver then learns the window's furniture,
  cleans against it and numbers the documents, in input order (``iter_documents``);
* **the per-document step** (``process``): the driver cuts the clean documents into the
  same batches the local engine uses and sends them a job at a time (one partition per
  batch); each partition runs ``process_documents`` and the results come back in input
  order with ``collect``. While the driver writes one job's results to the store
  (deduplication against what is stored happens there, in input order), the next job
  already runs on the executors.

spaCy is loaded once per Python worker: the loaders are cached per process and Spark
reuses its Python workers (``spark.python.worker.reuse``), so every later partition on
that worker finds the pipelines loaded.

Local mode (``local[2]``, the default) binds to 127.0.0.1 with the web UI off. For a
cluster (``--spark-master spark://host:7077``), the executors need claimtrail and its
spaCy pipeline installed in the same Python version, and the input files at the same
paths (a shared file system): the executors read them. URLs are fetched by the driver.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from claimtrail.config import ENGINE, EngineSettings, IngestSettings
from claimtrail.engine.document import ProcessedDocument, Steps, model_loads, process_documents
from claimtrail.errors import ClaimtrailError
from claimtrail.ingest.pipeline import Entry, Source, read_sources
from claimtrail.models import Document

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

T = TypeVar("T")


class SparkError(ClaimtrailError):
    code = "spark_failed"


def start_session(master: str | None = None, settings: EngineSettings = ENGINE,
                  app_name: str = "claimtrail") -> SparkSession:
    """A SparkSession for ``master`` (default ``settings.spark_master``)."""
    master = master or settings.spark_master
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise SparkError("the Spark engine needs PySpark, which is not installed",
                         hint="pip install 'claimtrail[spark]' (and Java 17 or newer)") from exc
    local = master.startswith("local")
    if local:
        # Executors are this machine's own Python processes: the same interpreter, and
        # no port opened beyond the loopback.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    builder = (SparkSession.builder.master(master).appName(app_name)
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.python.worker.reuse", "true")
               .config("spark.sql.shuffle.partitions", str(settings.spark_shuffle_partitions)))
    if local:
        builder = (builder.config("spark.driver.host", "127.0.0.1")
                   .config("spark.driver.bindAddress", "127.0.0.1"))
    try:
        session = builder.getOrCreate()
    except Exception as exc:  # py4j and pyspark raise several kinds here
        raise SparkError(f"could not start Spark on {master}: {type(exc).__name__}: "
                         f"{str(exc).splitlines()[0] if str(exc) else ''}",
                         hint="Spark needs Java 17 or newer on PATH (or JAVA_HOME); check "
                              "--spark-master") from exc
    session.sparkContext.setLogLevel("FATAL")   # a failed job surfaces as a SparkError
    return session


def _active_session() -> SparkSession | None:
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        return None
    return SparkSession.getActiveSession()


def _run_partition(steps: Steps, batches: Iterable[list[Document]]
                   ) -> Iterator[list[ProcessedDocument]]:
    """The executor side: the per-document step on each batch of the partition."""
    for batch in batches:
        yield list(process_documents(batch, steps))


def _read_partition(settings: IngestSettings, sources: Iterable[Source]
                    ) -> Iterator[list[Entry]]:
    """The executor side of reading: each input of the partition read, its text
    extracted and normalised (``ingest.pipeline.read_sources``)."""
    yield from read_sources(sources, settings)


def _worker_loads(_: Iterable[Any]) -> Iterator[tuple[int, dict[str, int]]]:
    yield os.getpid(), model_loads()


class SparkEngine:
    name = "spark"

    def __init__(self, session: SparkSession, *, settings: EngineSettings = ENGINE,
                 owns_session: bool = False) -> None:
        self.session = session
        self.settings = settings
        self._owns_session = owns_session

    @classmethod
    def start(cls, master: str | None = None, settings: EngineSettings = ENGINE
              ) -> SparkEngine:
        """An engine on this process's active Spark session (a notebook's, a test's),
        else on a new one, which ``close()`` stops."""
        active = _active_session()
        if active is not None and (master is None or master == active.sparkContext.master):
            return cls(active, settings=settings)
        return cls(start_session(master, settings), settings=settings, owns_session=True)

    @property
    def master(self) -> str:
        return str(self.session.sparkContext.master)

    def process(self, batches: Iterable[list[Document]], steps: Steps
                ) -> Iterator[list[ProcessedDocument]]:
        stream = iter(batches)
        yield from self._overlapped(
            "spark-job", lambda pool: self._submit(pool, self._next_job(stream), steps))

    def read(self, sources: Iterable[Source], settings: IngestSettings
             ) -> Iterator[list[Entry]]:
        """The inputs read on the executors: ``read_sources`` in each partition
        (``batch_docs`` inputs a partition, ``spark_docs_per_job`` a job), one list of
        entries per source, in order. The next job runs while these are cleaned."""
        stream = iter(sources)
        yield from self._overlapped(
            "spark-read", lambda pool: self._submit_read(pool, self._next_sources(stream), settings))

    def _overlapped(self, name: str,
                    submit_next: Callable[[ThreadPoolExecutor], Future[list[T]] | None]
                    ) -> Iterator[T]:
        """The results of the jobs ``submit_next`` starts, in order, each next job running
        on the cluster while the caller consumes the one before."""
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix=name) as pool:
            running = submit_next(pool)
            while running is not None:
                following = submit_next(pool)
                yield from self._result(running)
                running = following

    def worker_model_loads(self, tasks: int = 8) -> dict[int, dict[str, int]]:
        """{pid: {pipeline: loads}} of the Python workers that ran ``tasks`` small tasks:
        each pipeline a worker used should have been loaded once."""
        sc = self.session.sparkContext
        found: dict[int, dict[str, int]] = {}
        for pid, loads in sc.parallelize(range(tasks), tasks).mapPartitions(_worker_loads) \
                .collect():
            found[pid] = loads
        return found

    def close(self) -> None:
        if self._owns_session:
            self.session.stop()

    # --- jobs ----------------------------------------------------------------------------

    def _next_job(self, stream: Iterator[list[Document]]) -> list[list[Document]]:
        """The next batches, up to ``spark_docs_per_job`` documents (at least one batch)."""
        job: list[list[Document]] = []
        size = 0
        for batch in stream:
            job.append(batch)
            size += len(batch)
            if size >= self.settings.spark_docs_per_job:
                break
        return job

    def _next_sources(self, stream: Iterator[Source]) -> list[Source]:
        job: list[Source] = []
        for source in stream:
            job.append(source)
            if len(job) >= self.settings.spark_docs_per_job:
                break
        return job

    def _submit_read(self, pool: ThreadPoolExecutor, job: list[Source],
                     settings: IngestSettings) -> Future[list[list[Entry]]] | None:
        if not job:
            return None
        sc = self.session.sparkContext
        slices = max(1, -(-len(job) // self.settings.batch_docs))
        rdd = sc.parallelize(job, slices).mapPartitions(partial(_read_partition, settings))
        return pool.submit(rdd.collect)

    def _submit(self, pool: ThreadPoolExecutor, job: list[list[Document]], steps: Steps
                ) -> Future[list[list[ProcessedDocument]]] | None:
        if not job:
            return None
        sc = self.session.sparkContext
        rdd = sc.parallelize(job, len(job)).mapPartitions(partial(_run_partition, steps))
        return pool.submit(rdd.collect)

    def _result(self, job: Future[list[T]]) -> Iterator[T]:
        try:
            results = job.result()
        except Exception as exc:  # Py4JJavaError, PythonException, ...
            raise SparkError(f"a Spark job failed: {_first_python_error(exc)}",
                             hint="the documents stored so far are kept; fix the cause and "
                                  "rerun the same command to finish") from exc
        yield from results


def _first_python_error(exc: BaseException) -> str:
    """The Python error inside a Spark failure (its last traceback line), or the failure."""
    text = str(exc)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in reversed(lines):
        if "Error:" in line or "Exception:" in line:
            return line[:500]
    return (lines[0] if lines else type(exc).__name__)[:500]
