"""Back up and restore the whole site: the database and the uploaded files, in one archive.

The archive is a gzipped tar holding `manifest.json`, the database as its vendor's own tool writes it
(`database.dump` from `pg_dump --format=custom`, or `database.sqlite3` from SQLite's online backup API),
and `media/`, the files of the default storage (MEDIA_ROOT). Restoring replaces the database as a whole
(`pg_restore --clean --single-transaction`, or the backup API the other way) and then the media files.

Why not django-dbbackup (5.4, compared for this): its SQLite restore copies the dump's bytes over the database
file under the open connection, which in WAL mode (ours) leaves a stale `-wal` file beside it, where the backup
API restores through SQLite itself; `mediarestore` leaves the files uploaded after the backup in place, where a
restore here brings MEDIA_ROOT back to what was backed up; and the database and the media are two archives
with no manifest tying them together. The pg_dump/pg_restore options are the same as its PostgreSQL connector's.
"""

import datetime
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.files.storage import FileSystemStorage, storages
from django.db import connections
from django.db.backends.postgresql.client import DatabaseClient

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media"
DATABASE_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    pass


def _connection(using):
    connection = connections[using]
    if connection.vendor not in DATABASE_FILES:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {connection.vendor}.")
    return connection


# PostgreSQL: the client programs, connected as Django is.


def _pg_run(program, arguments, settings_dict):
    # Django's own mapping of the settings to libpq's variables (password, SSL, service), plus the address.
    _args, env = DatabaseClient.settings_to_cmd_args_env(settings_dict, [])
    env = {**os.environ, **(env or {})}
    for key, variable in [("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")]:
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    try:
        result = subprocess.run(  # noqa: S603
            [program, *arguments, f"--dbname={settings_dict['NAME']}"], env=env, capture_output=True, text=True
        )
    except FileNotFoundError as error:
        raise BackupError(
            f"{program} is not installed: install PostgreSQL's client programs (postgresql-client)."
        ) from error
    if result.returncode != 0:
        raise BackupError(f"{program} failed: {result.stderr.strip()}")


def _pg_dump(connection, path):
    _pg_run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", f"--file={path}"], connection.settings_dict)


def _pg_restore(connection, path):
    # Idle connections hold no locks, but this one's cached state describes tables that are about to be replaced.
    connection.close()
    _pg_run(
        "pg_restore",
        [
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            str(path),
        ],
        connection.settings_dict,
    )


# SQLite: the online backup API, which copies a consistent database page by page.


def _sqlite_dump(connection, path):
    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)
    finally:
        target.close()


def _sqlite_restore(connection, path):
    connection.ensure_connection()
    source = sqlite3.connect(path)
    try:
        source.backup(connection.connection)
    finally:
        source.close()


def dump_database(path, using="default"):
    """Write the database to `path` with its vendor's tool."""
    connection = _connection(using)
    (_pg_dump if connection.vendor == "postgresql" else _sqlite_dump)(connection, path)


def restore_database(path, using="default"):
    """Replace the whole database with the one at `path`, in one transaction."""
    connection = _connection(using)
    if connection.in_atomic_block:
        # pg_restore would wait forever for the locks this transaction holds.
        raise BackupError("A restore cannot run inside a transaction.")
    (_pg_restore if connection.vendor == "postgresql" else _sqlite_restore)(connection, path)
    # Cached pages and lookups describe the database as it was before; so do this process's content types.
    for cache in caches.all():
        cache.clear()
    ContentType.objects.clear_cache()


# Media: the default storage's directory.


def media_root():
    storage = storages["default"]
    if not isinstance(storage, FileSystemStorage):
        raise BackupError(
            f"The uploaded files are in {type(storage).__name__}, not in MEDIA_ROOT: back them up with that "
            "storage's own tools."
        )
    return Path(storage.location)


def _replace_media(source, root):
    root.mkdir(parents=True, exist_ok=True)
    for entry in root.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    if source.is_dir():
        shutil.copytree(source, root, dirs_exist_ok=True)


# The archive.


def write_archive(archive, using="default"):
    """Back up the database and the media files into `archive`; returns the manifest."""
    connection = _connection(using)
    root = media_root()
    archive = Path(archive)
    manifest = {
        "format": FORMAT,
        "vendor": connection.vendor,
        "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "media_files": sum(len(files) for _dir, _dirs, files in os.walk(root)),
    }
    database_file = DATABASE_FILES[connection.vendor]
    partial = archive.with_name(archive.name + ".partial")
    with tempfile.TemporaryDirectory() as scratch:
        dump_database(Path(scratch) / database_file, using)
        # Written under another name first: an interrupted backup never looks like a complete one.
        with tarfile.open(partial, "w:gz") as tar:
            content = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
            tar.add(Path(scratch) / database_file, arcname=database_file)
            if root.is_dir():
                tar.add(root, arcname=MEDIA)
    partial.replace(archive)
    return manifest


def read_manifest(tar):
    try:
        manifest = json.load(tar.extractfile(MANIFEST))
    except (KeyError, ValueError) as error:
        raise BackupError("This is not a backup of the site: it has no manifest.") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    return manifest


def _unpack(archive, scratch, vendor):
    try:
        with tarfile.open(archive, "r:gz") as tar:
            manifest = read_manifest(tar)
            if manifest["vendor"] != vendor:
                raise BackupError(
                    f"This is a backup of a {manifest['vendor']} database; the site uses {vendor}. "
                    "Restore it into the same kind of database."
                )
            # The "data" filter refuses absolute paths, links out of the folder and device files.
            tar.extractall(scratch, filter="data")
    except (OSError, tarfile.TarError) as error:
        raise BackupError(f"Cannot read {archive}: {error}") from error
    return manifest


def restore_archive(archive, using="default"):
    """Replace the database and the media files with the archive's; returns its manifest."""
    connection = _connection(using)
    root = media_root()
    with tempfile.TemporaryDirectory() as scratch:
        manifest = _unpack(archive, scratch, connection.vendor)
        restore_database(Path(scratch) / DATABASE_FILES[connection.vendor], using)
        _replace_media(Path(scratch) / MEDIA, root)
    return manifest
