"""StreamField raw data with stable block ids, for content built in code.

wagtail-localize finds a StreamField segment by its block id, so content rebuilt by `setup_demo` must
get the same ids every time for the PO files in the repository to keep matching: each id is a UUID5
of the page's key and the block's position.
"""

import uuid

BLOCK_ID_NAMESPACE = uuid.UUID("5b0c7d3e-8a57-4f2e-9c61-3f1d9a2b7e40")


def stable_id(seed):
    return str(uuid.uuid5(BLOCK_ID_NAMESPACE, seed))


def _with_ids(value, seed):
    """Give every list item a stable id, the way ListBlock stores its items."""
    if isinstance(value, dict):
        return {key: _with_ids(item, f"{seed}/{key}") for key, item in value.items()}
    if isinstance(value, list):
        return [
            {"type": "item", "value": _with_ids(item, f"{seed}/{i}"), "id": stable_id(f"{seed}/{i}")}
            for i, item in enumerate(value)
        ]
    return value


def stream(key, blocks):
    """Raw data of a StreamField from (block type, value) pairs; ids depend only on key and position."""
    return [
        {"type": block_type, "value": _with_ids(value, f"{key}/{i}"), "id": stable_id(f"{key}/{i}")}
        for i, (block_type, value) in enumerate(blocks)
    ]
