-- The orchestrator's state: environments, migrations (saved plans), runs, and per table and pass what happened.
-- Chunk completions are recorded once (primary key), which makes a redelivered event a no-op.

create table environment (
    id                uuid primary key,
    name              text not null unique,
    url               text not null,
    tenant            text not null,
    client_id         text not null,
    secret_ref        text not null,          -- env:VAR or file:PATH, never a secret
    authority         text,
    trust_certificate text,
    application_users jsonb not null default '[]',
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now()
);

create table migration (
    id             uuid primary key,
    name           text not null unique,
    owner          text not null,
    plan_yaml      text not null,
    refresh_cron   text,
    status         text not null,             -- what to do next: Ready, CredentialsRequired, Running, ...
    status_detail  text,
    last_run_id    uuid,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now()
);

create table run (
    id             uuid primary key,
    migration_id   uuid not null references migration(id) on delete cascade,
    status         text not null,             -- Pending, Planning, Running, Verifying, Succeeded, SucceededWithErrors, Failed, Cancelled
    trigger        text not null,             -- manual, schedule, replay
    plan_yaml      text not null,             -- the plan as it was when the run started
    compiled_plan  jsonb,                     -- order, passes and every job, as planned at the start
    source         jsonb,                     -- the environment references used (no secrets)
    target         jsonb,
    error          text,
    created_at     timestamptz not null default now(),
    started_at     timestamptz,
    finished_at    timestamptz
);
create index run_by_migration on run (migration_id, created_at desc);

create table table_run (
    id              bigserial primary key,
    run_id          uuid not null references run(id) on delete cascade,
    table_name      text not null,            -- a table, or a many-to-many relationship for that pass
    pass            text not null,
    status          text not null,            -- Waiting, Extracting, Loading, Loaded, Failed, Skipped
    estimated_rows  bigint not null default 0,
    chunks_expected integer,                  -- known once the extractor has emitted the last chunk
    chunks_done     integer not null default 0,
    rows_extracted  bigint not null default 0,
    rows_written    bigint not null default 0,
    rows_failed     bigint not null default 0,
    rows_deleted    bigint not null default 0,
    rows_matched    bigint not null default 0,
    rows_missing    bigint not null default 0,
    rows_extra      bigint not null default 0,
    rows_differing  bigint not null default 0,
    error           text,
    started_at      timestamptz,
    finished_at     timestamptz,
    unique (run_id, table_name, pass)
);

create table chunk_ledger (
    run_id      uuid not null references run(id) on delete cascade,
    table_name  text not null,
    pass        text not null,
    chunk       integer not null,
    rows        integer not null,
    written     integer not null,
    failed      integer not null,
    recorded_at timestamptz not null default now(),
    primary key (run_id, table_name, pass, chunk)
);

-- rows sent to the dead-letter topic: the verify pass tells known failures from real mismatches
create table row_failure (
    run_id      uuid not null references run(id) on delete cascade,
    table_name  text not null,
    pass        text not null,
    row_id      text not null,
    chunk       integer not null,
    http_status integer not null,
    code        text,
    message     text not null,
    replayed    boolean not null default false,
    recorded_at timestamptz not null default now(),
    primary key (run_id, table_name, pass, row_id)
);

create table verify_mismatch (
    run_id      uuid not null references run(id) on delete cascade,
    table_name  text not null,
    kind        text not null,                -- MISSING, EXTRA, DIFFERENT
    row_id      text not null,
    columns     jsonb not null default '[]',  -- for a sample of DIFFERENT rows: column, expected, actual
    primary key (run_id, table_name, kind, row_id)
);

-- what happened, in order, for the run log
create table run_event (
    id          bigserial primary key,
    run_id      uuid not null references run(id) on delete cascade,
    at          timestamptz not null default now(),
    type        text not null,
    table_name  text,
    pass        text,
    chunk       integer,
    message     text not null
);
create index run_event_by_run on run_event (run_id, id);
