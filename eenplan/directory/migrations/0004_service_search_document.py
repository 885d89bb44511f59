# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 EenPlan contributors
"""A stored search document per service, on PostgreSQL: one indexed tsvector instead of a vector per row per query.

`directory_service.search_document` holds the Dutch full-text vector of the service's name (weight A), target
group and organisation name (B) and description (C). A trigger computes it when a service is written; a trigger on
the organisation recomputes its services' documents when the organisation's name changes. A GIN index serves the
search. The stems and the written words of all documents are collected in `directory_search_word` (trigram
index) so that a misspelt word ("schuldhlp") can be corrected to a word the sociale kaart knows ("schuldhulp");
words are only ever added, and the search uses a correction only if a service still matches it.

Replaces the expression index of migration 0002 (its expression had no organisation name). On SQLite nothing
changes: the search there is the plain fallback of eenplan/directory/search.py.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

FORWARD = """
DROP INDEX IF EXISTS service_search_nl;

ALTER TABLE directory_service ADD COLUMN search_document tsvector NOT NULL DEFAULT ''::tsvector;

CREATE TABLE directory_search_word (word text COLLATE "C" PRIMARY KEY);
CREATE INDEX directory_search_word_trgm ON directory_search_word USING gin (word gin_trgm_ops);

CREATE FUNCTION directory_service_search_document() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_document :=
        setweight(to_tsvector('dutch', coalesce(NEW.name, '')), 'A')
        || setweight(to_tsvector('dutch', coalesce(NEW.target_group, '')), 'B')
        || setweight(to_tsvector('dutch', coalesce(
            (SELECT o.name FROM accounts_organisation o WHERE o.id = NEW.organisation_id), '')), 'B')
        || setweight(to_tsvector('dutch', coalesce(NEW.description, '')), 'C');
    RETURN NEW;
END $$;

CREATE FUNCTION directory_search_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- The stems of the document and the words as written ("eenzam" and "eenzaamheid"): a typo is closer to the
    -- written word than to its stem.
    INSERT INTO directory_search_word (word)
    SELECT lexeme FROM unnest(NEW.search_document)
    UNION
    SELECT lexeme FROM unnest(to_tsvector('simple', concat_ws(' ', NEW.name, NEW.target_group, NEW.description,
        (SELECT o.name FROM accounts_organisation o WHERE o.id = NEW.organisation_id))))
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

CREATE FUNCTION directory_organisation_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Rewriting the column makes the service's own trigger compute the document with the new name.
    UPDATE directory_service SET search_document = search_document WHERE organisation_id = NEW.id;
    RETURN NULL;
END $$;

CREATE TRIGGER directory_service_search_document
    BEFORE INSERT OR UPDATE ON directory_service
    FOR EACH ROW EXECUTE FUNCTION directory_service_search_document();

CREATE TRIGGER directory_search_words_new
    AFTER INSERT ON directory_service
    FOR EACH ROW EXECUTE FUNCTION directory_search_words();

CREATE TRIGGER directory_search_words_changed
    AFTER UPDATE ON directory_service
    FOR EACH ROW WHEN (OLD.search_document IS DISTINCT FROM NEW.search_document)
    EXECUTE FUNCTION directory_search_words();

CREATE TRIGGER directory_organisation_renamed
    AFTER UPDATE OF name ON accounts_organisation
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION directory_organisation_renamed();

UPDATE directory_service SET search_document = search_document;

CREATE INDEX service_search_document ON directory_service USING gin (search_document);
"""

BACKWARD = """
DROP TRIGGER IF EXISTS directory_organisation_renamed ON accounts_organisation;
DROP TRIGGER IF EXISTS directory_search_words_changed ON directory_service;
DROP TRIGGER IF EXISTS directory_search_words_new ON directory_service;
DROP TRIGGER IF EXISTS directory_service_search_document ON directory_service;
DROP FUNCTION IF EXISTS directory_organisation_renamed();
DROP FUNCTION IF EXISTS directory_search_words();
DROP FUNCTION IF EXISTS directory_service_search_document();
DROP TABLE IF EXISTS directory_search_word;
ALTER TABLE directory_service DROP COLUMN IF EXISTS search_document;
CREATE INDEX service_search_nl ON directory_service USING gin (
    (to_tsvector('dutch', coalesce(name, '') || ' ' || coalesce(description, '') || ' ' || coalesce(target_group, '')))
);
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("directory", "0003_versions_life_domains_and_locking"), ("accounts", "0001_initial")]

    operations = [TrigramExtension(), migrations.RunPython(forward, backward)]
