-- Storage: updates (replacing and renaming files) from both sides, and an object never leaves its
-- bucket at a client's request (private media moved into the public avatars bucket).
begin;
select plan(10);

select tests.create_user('owner@example.com') as owner \gset
select tests.create_user('other@example.com') as other \gset

select tests.authenticate_as(:'owner');
insert into storage.objects (bucket_id, name, owner_id) values ('media', :'owner' || '/secret.png', :'owner') returning id as secret \gset
select lives_ok(format($$update storage.objects set name = '%s/renamed.png' where id = %L$$, :'owner', :'secret'), 'the owner renames a file in their folder');
select throws_ok(format($$update storage.objects set bucket_id = 'avatars' where id = %L$$, :'secret'), '42501', null,
  'private media cannot be moved into the public avatars bucket');
select throws_ok(format($$update storage.objects set name = '%s/stolen.png' where id = %L$$, :'other', :'secret'), '42501', null,
  '... nor into someone else''s folder');
select throws_ok(format($$insert into storage.objects (bucket_id, name, owner_id) values ('verification-documents', '%s/../%s/id.png', %L)$$, :'owner', :'other', :'owner'),
  '42501', null, 'a name with .. segments is refused');
select throws_ok(format($$insert into storage.objects (bucket_id, name, owner_id) values ('media', '%s//x.png', %L)$$, :'owner', :'owner'),
  '42501', null, '... and with empty ones');
select lives_ok(format($$insert into storage.objects (bucket_id, name, owner_id) values ('verification-documents', '%s/id.v2.png', %L)$$, :'owner', :'owner'),
  'a plain name with dots in it is fine');
select tests.clear_authentication();
select is((select count(*) from storage.objects where id = :'secret')::int, 0, 'anon still cannot read it');

-- Storage API deletes set storage.allow_delete_query (the platform refuses any other DELETE).
set local storage.allow_delete_query = 'true';
select tests.authenticate_as(:'other');
update storage.objects set name = :'other' || '/mine.png' where id = :'secret';
delete from storage.objects where id = :'secret';
reset role;
select is((select name from storage.objects where id = :'secret'), :'owner' || '/renamed.png', 'another user neither renames nor deletes it');

select tests.authenticate_as_service_role();
select lives_ok(format($$update storage.objects set bucket_id = 'avatars' where id = %L$$, :'secret'), 'the server''s role may move objects');
select tests.authenticate_as(:'owner');
select lives_ok(format($$delete from storage.objects where id = %L$$, :'secret'), 'the owner deletes their file');

select * from finish();
rollback;
