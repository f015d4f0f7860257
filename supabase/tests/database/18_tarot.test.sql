-- Tarot, part one: the deck, the spreads and the profiles, from every side (anon, a client, another
-- client, a reader, another reader, a monitor, a moderator, an admin).
begin;
select plan(66);

select tests.create_user('t18-client@example.com') as client \gset
select tests.create_user('t18-client2@example.com') as client2 \gset
select tests.create_user('t18-reader@example.com') as reader \gset
select tests.create_user('t18-reader2@example.com') as reader2 \gset
select tests.create_user('t18-monitor@example.com') as monitor \gset
select tests.create_user('t18-moderator@example.com') as moderator \gset
select tests.create_user('t18-admin@example.com') as admin \gset
insert into public.user_staff_roles (user_id, role) values (:'monitor', 'tarot_monitor'), (:'moderator', 'moderator'), (:'admin', 'admin');

-- The deck ------------------------------------------------------------------------------------------------------------------
select tests.clear_authentication();
select is((select count(*)::int from tarot.tarot_cards), 78, 'anon reads the 78 cards');
select is((select count(*)::int from tarot.tarot_cards where arcana_type = 'major' and suit is null), 22, '22 major arcana, without a suit');
select is((select array_agg(n order by s) from (select suit s, count(*)::int n from tarot.tarot_cards where arcana_type = 'minor' group by suit) q),
  array[14, 14, 14, 14], 'four suits of 14');
select is((select count(*)::int from tarot.tarot_cards
            where upright_meaning is null or reversed_meaning is null or cardinality(upright_keywords) = 0 or cardinality(reversed_keywords) = 0
               or love_upright is null or love_reversed is null or career_upright is null or career_reversed is null
               or finance_upright is null or finance_reversed is null or health_upright is null or health_reversed is null
               or spiritual_upright is null or spiritual_reversed is null or element is null), 0,
  'every card has its meanings and keywords both ways, five contextual pairs and an element');
select is((select count(*)::int from tarot.tarot_cards where arcana_type = 'major' and (hebrew_letter is null or numerology is null or planet is null)), 0,
  'every major has its Hebrew letter, planet and numerology');
select throws_ok($$insert into tarot.tarot_cards (card_key, name, arcana_type, number, image_path, upright_meaning, reversed_meaning, element)
                   values ('joker', 'Joker', 'major', 0, 'x', 'x', 'x', 'air')$$, '42501', null, 'anon adds no card');
select tests.authenticate_as(:'client');
select throws_ok($$update tarot.tarot_cards set upright_meaning = 'doom'$$, '42501', null, 'a user changes no card');
select throws_ok($$delete from tarot.tarot_cards$$, '42501', null, '... and deletes none');
reset role;
select throws_ok($$insert into tarot.tarot_cards (card_key, name, arcana_type, suit, number, image_path, upright_meaning, reversed_meaning, element)
                   values ('the-fool-2', 'Fool', 'major', 'cups', 0, 'cards/x.webp', 'x', 'x', 'air')$$, '23514', null, 'a major has no suit');

-- Spreads --------------------------------------------------------------------------------------------------------------------
select tests.clear_authentication();
select is((select count(*)::int from tarot.tarot_spreads where not is_custom), 5, 'anon reads the five presets');
select is((select count(*)::int from tarot.tarot_spreads where card_count <> jsonb_array_length(layout_data)), 0, 'card_count is the number of positions');
select is((select card_count from tarot.tarot_spreads where name = 'Celtic Cross'), 10, 'the Celtic Cross has ten positions');
select tests.authenticate_as(:'client');
insert into tarot.tarot_spreads (name, card_count, layout_data, category)
values ('My cross', 2, '[{"position": 1, "label": "Me", "x": 10, "y": 10}, {"position": 2, "label": "You", "x": 90, "y": 90}]', 'love')
returning id as my_spread \gset
select is((select row(is_custom, created_by, is_public)::text from tarot.tarot_spreads where id = :'my_spread'), row(true, :'client'::uuid, false)::text,
  'a client''s spread is custom, theirs and private');
select throws_ok(format($$insert into tarot.tarot_spreads (name, card_count, layout_data, created_by) values ('x', 1, '[{"position": 1, "label": "a", "x": 1, "y": 1}]', %L)$$, :'client2'),
  '42501', null, 'a client does not write a spread in another''s name');
select throws_ok($$insert into tarot.tarot_spreads (name, card_count, layout_data, is_custom) values ('x', 1, '[{"position": 1, "label": "a", "x": 1, "y": 1}]', false)$$,
  '42501', null, '... nor a preset');
select throws_ok($$insert into tarot.tarot_spreads (name, card_count, layout_data) values ('x', 2, '[{"position": 1, "label": "a", "x": 1, "y": 1}]')$$,
  '23514', null, 'card_count must match the positions');
select throws_ok($$insert into tarot.tarot_spreads (name, card_count, layout_data) values ('x', 1, '[{"position": 2, "label": "a", "x": 1, "y": 1}]')$$,
  '23514', null, 'positions are numbered from 1 in order');
select throws_ok($$insert into tarot.tarot_spreads (name, card_count, layout_data) values ('x', 1, '[{"position": 1, "label": "a", "x": 1, "y": 1, "blob": "zzz"}]')$$,
  '23514', null, 'a position holds nothing but its fields');
select throws_ok($$insert into tarot.tarot_spreads (name, card_count, layout_data) values ('x', 1, '[{"position": 1, "label": "a", "x": 101, "y": 1}]')$$,
  '23514', null, 'coordinates are percentages');
select throws_ok(format($$update tarot.tarot_spreads set usage_count = 1000 where id = %L$$, :'my_spread'), '42501', null, 'a creator does not set the usage count');
select ok(tests.refused($$update tarot.tarot_spreads set name = 'Mine now' where not is_custom$$), 'a client changes no preset');
select tests.authenticate_as(:'client2');
select is(tests.rows_visible(format($$select 1 from tarot.tarot_spreads where id = %L$$, :'my_spread')), 0::bigint, 'another client does not see a private custom spread');
select ok(tests.refused(format($$update tarot.tarot_spreads set name = 'Hijacked' where id = %L$$, :'my_spread')), '... nor changes it');
select ok(tests.refused(format($$delete from tarot.tarot_spreads where id = %L$$, :'my_spread')), '... nor deletes it');
select tests.clear_authentication();
select is(tests.rows_visible(format($$select 1 from tarot.tarot_spreads where id = %L$$, :'my_spread')), 0::bigint, 'anon does not see it either');
select tests.authenticate_as(:'client');
update tarot.tarot_spreads set is_public = true where id = :'my_spread';
select ok(tests.refused(format($$update tarot.tarot_spreads set created_by = %L where id = %L$$, :'client2', :'my_spread')) , 'a creator does not give a spread away');
select tests.authenticate_as(:'client2');
select is(tests.rows_visible(format($$select 1 from tarot.tarot_spreads where id = %L$$, :'my_spread')), 1::bigint, 'a public custom spread is read by others');
select tests.clear_authentication();
select is(tests.rows_visible(format($$select 1 from tarot.tarot_spreads where id = %L$$, :'my_spread')), 1::bigint, '... anon included');
select tests.authenticate_as(:'client2');
select ok(tests.refused(format($$delete from tarot.tarot_spreads where id = %L$$, :'my_spread')), '... who do not delete it');
select tests.authenticate_as(:'client');
select is(tests.rows_affected(format($$delete from tarot.tarot_spreads where id = %L$$, :'my_spread')), 1::bigint, 'the creator deletes it');
reset role;
update public.profiles set status = 'suspended' where id = :'client2';
select tests.authenticate_as(:'client2');
select throws_ok($$insert into tarot.tarot_spreads (name, card_count, layout_data) values ('x', 1, '[{"position": 1, "label": "a", "x": 1, "y": 1}]')$$,
  '42501', null, 'a suspended user creates no spread');
select throws_ok($$insert into tarot.reader_profiles (rate_amount) values (0)$$, '42501', null, '... and no reader profile');
reset role;
update public.profiles set status = 'active' where id = :'client2';

-- Reader profiles --------------------------------------------------------------------------------------------------------------
select tests.authenticate_as(:'reader');
insert into tarot.reader_profiles (specializations, experience_years, rate_type, rate_amount, languages) values ('{love}', 5, 'per_minute', 150, '{en, fr}');
select throws_ok($$update tarot.reader_profiles set is_listed = true where user_id = auth.uid()$$, 'PA116', null,
  'a paid reader is not listed without payouts enabled');
reset role;
select billing.register_connected_account('acct_t18_reader', :'reader');
update billing.connected_accounts set payouts_enabled = true where id = 'acct_t18_reader';
select tests.authenticate_as(:'reader');
select lives_ok($$update tarot.reader_profiles set is_listed = true, is_available_now = true where user_id = auth.uid()$$, '... and is, once payouts are enabled');
select throws_ok($$update tarot.reader_profiles set average_rating = 5, rating_count = 99 where user_id = auth.uid()$$, '42501', null,
  'a reader does not set their own rating');
select throws_ok($$update tarot.reader_profiles set languages = '{"English!"}' where user_id = auth.uid()$$, '23514', null, 'languages are codes');
select throws_ok($$update tarot.reader_profiles set rate_amount = -1 where user_id = auth.uid()$$, '23514', null, 'a rate is not negative');
select throws_ok(format($$insert into tarot.reader_profiles (user_id) values (%L)$$, :'reader2'), '42501', null, 'nobody creates a profile for another');
select tests.authenticate_as(:'reader2');
insert into tarot.reader_profiles (rate_amount) values (0);
select is(tests.rows_visible('select 1 from tarot.reader_profiles where user_id = auth.uid()'), 1::bigint, 'a reader reads their unlisted profile');
select ok(tests.refused(format($$update tarot.reader_profiles set rate_amount = 1 where user_id = %L$$, :'reader')), 'another reader changes no profile');
select tests.clear_authentication();
select is((select array_agg(user_id) from tarot.reader_profiles where user_id in (:'reader', :'reader2')), array[:'reader'::uuid],
  'anon reads listed readers only');
select tests.authenticate_as(:'client');
select is((select array_agg(user_id) from tarot.reader_profiles where user_id in (:'reader', :'reader2')), array[:'reader'::uuid],
  '... and so does a client');
select ok(tests.refused(format($$update tarot.reader_profiles set is_listed = false where user_id = %L$$, :'reader')), 'a client changes no reader''s profile');
select tests.authenticate_as(:'monitor');
select is(tests.rows_visible(format($$select 1 from tarot.reader_profiles where user_id in (%L, %L)$$, :'reader', :'reader2')), 2::bigint,
  'a monitor reads unlisted readers too');

-- Client profiles and preferred readers ---------------------------------------------------------------------------------------------
select tests.authenticate_as(:'client');
insert into tarot.client_profiles (date_of_birth, birth_chart_data) values ('1991-02-03', '{"place": "Oslo"}');
insert into tarot.preferred_readers (reader_id) values (:'reader');
select throws_ok($$update tarot.client_profiles set birth_chart_data = jsonb_build_object('x', repeat('a', 9000)) where user_id = auth.uid()$$, '23514', null,
  'birth chart data is bounded');
select throws_ok(format($$insert into tarot.preferred_readers (client_id, reader_id) values (%L, %L)$$, :'client2', :'reader'), '42501', null,
  'a client keeps no preferences for another');
select throws_ok(format($$insert into tarot.preferred_readers (reader_id) values (%L)$$, :'reader2'), '42501', null,
  'an unlisted reader is not among the choices');
select tests.authenticate_as(:'client2');
select is(tests.rows_visible('select 1 from tarot.client_profiles') + tests.rows_visible('select 1 from tarot.preferred_readers'), 0::bigint,
  'another client reads no birth data and no preferences');
select ok(tests.refused(format($$update tarot.client_profiles set date_of_birth = '2000-01-01' where user_id = %L$$, :'client')), '... and changes none');
select ok(tests.refused(format($$delete from tarot.preferred_readers where client_id = %L$$, :'client')), '... nor removes their preferences');
select tests.clear_authentication();
select throws_ok($$select * from tarot.client_profiles$$, '42501', null, 'anon reads no birth data');
select tests.authenticate_as(:'reader');
select is(tests.rows_visible(format($$select 1 from tarot.client_profiles where user_id = %L$$, :'client')), 0::bigint,
  'a reader without a reading with the client reads no birth data');
select is(tests.rows_visible('select 1 from tarot.preferred_readers'), 0::bigint, '... nor who prefers them');
select tests.authenticate_as(:'monitor');
select is(tests.rows_visible('select 1 from tarot.client_profiles'), 0::bigint, 'a monitor reads no birth data');
select tests.authenticate_as(:'moderator');
select is(tests.rows_visible('select 1 from tarot.client_profiles') + tests.rows_visible('select 1 from tarot.preferred_readers'), 0::bigint,
  'a moderator reads none either');
select tests.authenticate_as(:'admin');
select is(tests.rows_visible(format($$select 1 from tarot.client_profiles where user_id = %L$$, :'client')), 1::bigint, 'an admin reads birth data');
select ok(tests.refused(format($$delete from tarot.client_profiles where user_id = %L$$, :'client')), '... and does not delete it');
select ok(tests.refused(format($$delete from tarot.preferred_readers where client_id = %L$$, :'client')), '... nor a client''s preferences');

-- A reader holding a reading with the client reads the client's birth data, and only meanwhile.
select tests.authenticate_as(:'client');
select (tarot.request_reading((select id from tarot.tarot_spreads where name = 'Single card'), :'reader', 'Practice?', 'practice', 't18-r1')).id as reading \gset
select tests.authenticate_as(:'reader');
select is((select date_of_birth from tarot.client_profiles where user_id = :'client'), '1991-02-03'::date, 'the reader of a pending reading reads the client''s birth data');
select ok(tests.refused(format($$update tarot.client_profiles set date_of_birth = '2000-01-01' where user_id = %L$$, :'client')),
  '... reads, not writes');
select ok(tests.refused(format($$delete from tarot.client_profiles where user_id = %L$$, :'client')), '... nor deletes');
select tests.authenticate_as(:'reader2');
select is(tests.rows_visible(format($$select 1 from tarot.client_profiles where user_id = %L$$, :'client')), 0::bigint, 'another reader does not');
select tests.authenticate_as(:'reader');
select tarot.start_reading(:'reading');
select is(tests.rows_visible(format($$select 1 from tarot.client_profiles where user_id = %L$$, :'client')), 1::bigint, '... and still while it is active');
select tarot.complete_reading(:'reading');
select is(tests.rows_visible(format($$select 1 from tarot.client_profiles where user_id = %L$$, :'client')), 0::bigint,
  'once the reading is over, the reader reads the birth data no more');
select is((select usage_count from tarot.tarot_spreads where name = 'Single card') >= 1, true, 'the spread counts its use');
select is((select readings_completed from tarot.reader_profiles where user_id = :'reader'), 1, 'the reader''s completed readings are counted');

select * from finish();
rollback;
