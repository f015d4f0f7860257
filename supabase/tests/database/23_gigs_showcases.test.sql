-- Gigs: media (and their files in Storage), EXIF, showcases with dual approval, likes and views,
-- reviews and the rating they keep, and moderation, from every side: anon, the gig's owner, the
-- accepted talent, a declined applicant, another user, a moderator, service_role.
begin;
select plan(74);

select tests.create_user('owner@showcase.test') as owner \gset
select tests.create_user('talent@showcase.test') as talent \gset
select tests.create_user('declined@showcase.test') as declined \gset
select tests.create_user('other@showcase.test') as other \gset
select tests.create_user('mod@showcase.test') as mod \gset
insert into public.user_staff_roles (user_id, role) values (:'mod', 'moderator');
update billing.plans set features = '{"gigs_per_month": 100, "applications_per_month": 100}' where id = 'gigs-free';

-- A completed gig with accepted talent and a declined applicant.
select tests.authenticate_as(:'talent');
insert into gigs.profiles (user_id, role, handle) values (auth.uid(), 'talent', 'talent_sc');
select tests.authenticate_as(:'owner');
insert into gigs.profiles (user_id, role, handle) values (auth.uid(), 'contributor', 'owner_sc');
insert into gigs.gigs (title, description, comp_type, location_text, location_lat, location_lng, start_time, end_time, application_deadline)
values ('Shoot', 'A shoot.', 'tfp', 'Berlin', 52.52, 13.405, now() + interval '3 days', now() + interval '3 days 2 hours', now() + interval '2 days')
returning id as gig \gset
select count(*) from gigs.publish_gig(:'gig');
select tests.authenticate_as(:'talent');
select count(*) from gigs.apply(:'gig');
select (select id from gigs.applications where applicant_user_id = :'talent') as app \gset
select tests.authenticate_as(:'declined');
select count(*) from gigs.apply(:'gig');
select (select id from gigs.applications where applicant_user_id = :'declined') as declined_app \gset
select tests.authenticate_as(:'owner');
select count(*) from gigs.review_application(:'app', 'accepted');
select count(*) from gigs.review_application(:'declined_app', 'declined');

-- Media ----------------------------------------------------------------------------------------------------------------
reset role;
insert into storage.objects (bucket_id, name, owner_id) values
  ('media', :'owner' || '/shot1.jpg', :'owner'), ('media', :'talent' || '/shot2.jpg', :'talent'),
  ('media', :'owner' || '/callsheet.pdf', :'owner'), ('media', :'other' || '/mine.jpg', :'other');
select tests.authenticate_as(:'owner');
select throws_ok(format($$insert into gigs.media (type, path, mime_type) values ('image', '%s/missing.jpg', 'image/jpeg')$$, :'owner'), '42501', null,
  'media describe a file that is in the bucket');
select throws_ok(format($$insert into gigs.media (type, path, mime_type) values ('image', '%s/mine.jpg', 'image/jpeg')$$, :'other'), '42501', null,
  '... in the owner''s own folder');
insert into gigs.media (type, path, mime_type, width, height, palette, blurhash)
values ('image', :'owner' || '/shot1.jpg', 'image/jpeg', 4000, 3000, '{"#112233"}', 'LEHV6nWB2yk8pyo0adR*.7kCMdnj') returning id as m1 \gset
insert into gigs.media (type, path, mime_type, gig_id) values ('document', :'owner' || '/callsheet.pdf', 'application/pdf', :'gig')
returning id as doc \gset
select pass('a pdf is media too, attached to the owner''s gig');
select throws_ok(format($$insert into gigs.media (type, path, mime_type) values ('document', '%s/shot1.jpg', 'image/jpeg')$$, :'owner'), '23514', null,
  'a document is a pdf');
insert into gigs.media_exif (media_id, exif) values (:'m1', '{"Model": "X-T4", "GPSLatitude": 52.5, "GPSLongitude": 13.4, "gps_altitude": 30}');
select is((select exif from gigs.media_exif where media_id = :'m1'), '{"Model": "X-T4"}'::jsonb, 'GPS fields are removed from EXIF');
select throws_ok(format($$update gigs.media set hidden_at = null where id = %L$$, :'m1'), '42501', null, 'moderation state is not client-writable');
select tests.authenticate_as(:'talent');
insert into gigs.media (type, path, mime_type) values ('image', :'talent' || '/shot2.jpg', 'image/jpeg') returning id as m2 \gset
select throws_ok(format($$insert into gigs.media (type, path, mime_type, gig_id) values ('image', '%s/shot2b.jpg', 'image/jpeg', %L)$$, :'talent', :'gig'),
  '42501', null, 'media cannot be attached to another user''s gig');
select throws_ok(format($$update gigs.media set gig_id = %L where id = %L$$, :'gig', :'m2'), '42501', null, '... not even by an update');
select throws_ok(format($$insert into gigs.media_exif (media_id, exif) values (%L, '{}')$$, :'m1'), '42501', null, 'EXIF only for one''s own media');
select is((select count(*)::int from gigs.media_exif), 0, 'EXIF is the owner''s only');
select is((select count(*)::int from gigs.media where id = :'m1'), 0, 'private media are not read by others');
select is((select count(*)::int from storage.objects where name = :'owner' || '/shot1.jpg'), 0, '... nor their files');
select is((select count(*)::int from gigs.media where id = :'doc'), 1, 'a published gig''s media are read by other users');
select ok(tests.refused(format($$update gigs.media set visibility = 'public' where id = %L$$, :'m1')), 'nobody changes another''s media');
select ok(tests.refused(format($$delete from gigs.media where id = %L$$, :'m1')), '... nor deletes them');

-- a published gig's media are read with the gig
select tests.authenticate_as(:'owner');
insert into gigs.gigs (title, description, comp_type, location_text, location_lat, location_lng, start_time, end_time, application_deadline)
values ('Next', 'Next shoot.', 'tfp', 'Berlin', 52.52, 13.405, now() + interval '3 days', now() + interval '3 days 2 hours', now() + interval '2 days')
returning id as gig2 \gset
update gigs.media set gig_id = :'gig2' where id = :'doc';
select tests.clear_authentication();
select is((select count(*)::int from gigs.media where id = :'doc'), 0, 'a draft gig''s media are not read by anon');
select tests.authenticate_as(:'owner');
select count(*) from gigs.publish_gig(:'gig2');
select tests.clear_authentication();
select is((select count(*)::int from gigs.media where id = :'doc'), 1, 'a published gig''s media are read by anon');
select is((select count(*)::int from storage.objects where name = :'owner' || '/callsheet.pdf'), 1, '... and its file');
select throws_ok($$select * from gigs.media_exif$$, '42501', null, 'anon reads no EXIF');

-- Showcases --------------------------------------------------------------------------------------------------------------
select tests.authenticate_as(:'owner');
select throws_ok(format($$select gigs.create_showcase(%L, %L, array[%L]::uuid[])$$, :'gig', :'talent', :'m1'), 'PA115', null,
  'a showcase needs a completed gig');
select count(*) from gigs.complete_gig(:'gig');
select throws_ok(format($$select gigs.create_showcase(%L, %L, array[%L]::uuid[])$$, :'gig', :'declined', :'m1'), 'PA001', null,
  'only with accepted talent');
reset role;
insert into storage.objects (bucket_id, name, owner_id) values ('media', :'other' || '/x.jpg', :'other');
select tests.authenticate_as(:'other');
insert into gigs.media (type, path, mime_type) values ('image', :'other' || '/x.jpg', 'image/jpeg') returning id as other_media \gset
select throws_ok(format($$select gigs.create_showcase(%L, %L, array[%L]::uuid[])$$, :'gig', :'talent', :'m1'), 'PA001', null,
  'another user cannot make a showcase of the gig');
select tests.authenticate_as(:'owner');
select throws_ok(format($$select gigs.create_showcase(%L, %L, array[%L]::uuid[])$$, :'gig', :'talent', :'other_media'), '22023', null,
  'a showcase shows only the two''s media');
select (gigs.create_showcase(:'gig', :'talent', array[:'m1', :'m2']::uuid[], 'Night in Berlin', '{night,neon}', '{"#ff00aa"}')).id as sc \gset
select is((select visibility from gigs.showcases where id = :'sc'), 'private', 'a showcase approved by one side is private');
select throws_ok(format($$select gigs.create_showcase(%L, %L, array[%L]::uuid[])$$, :'gig', :'talent', :'m1'), '23505', null, 'one showcase per gig and talent');
select throws_ok(format($$update gigs.showcases set approved_by_talent_at = now() where id = %L$$, :'sc'), '42501', null,
  'approvals are not written by UPDATE');
select tests.clear_authentication();
select is((select count(*)::int from gigs.showcases where id = :'sc'), 0, 'anon does not read a private showcase');
select tests.authenticate_as(:'other');
select is((select count(*)::int from gigs.showcases where id = :'sc'), 0, 'another user does not read it');
select throws_ok(format($$select gigs.set_showcase_approval(%L, true)$$, :'sc'), 'PA001', null, '... nor approves it');
select throws_ok(format($$insert into gigs.showcase_likes (showcase_id) values (%L)$$, :'sc'), '42501', null, '... nor likes it');
select throws_ok(format($$select gigs.record_showcase_view(%L)$$, :'sc'), 'PA001', null, 'views count only on public showcases');
select throws_ok(format($$select * from gigs.showcase_stats(%L)$$, :'sc'), 'PA001', null, '... and stats are read only of public showcases or one''s own');
select ok(not has_function_privilege('authenticated', 'gigs.ai_record_enhancement(billing.ai_requests, text)', 'execute')
          and not has_function_privilege('anon', 'gigs.ai_record_enhancement(billing.ai_requests, text)', 'execute'),
  'the AI recorder is the core''s to call, not a client''s');
select tests.authenticate_as(:'talent');
select is((select count(*)::int from gigs.showcases where id = :'sc'), 1, 'the talent reads the showcase awaiting them');
select is((select count(*)::int from public.notifications where type = 'showcase.approval_requested'), 1, '... and is asked to approve it');
select throws_ok(format($$select gigs.set_showcase_approval(%L, null)$$, :'sc'), '22023', null, 'an approval is true or false');
select is((gigs.set_showcase_approval(:'sc', true)).visibility, 'public', 'approved by both sides, it is public');

select tests.clear_authentication();
select is((select count(*)::int from gigs.showcases where id = :'sc'), 1, 'anon reads a public showcase');
select is((select count(*)::int from gigs.media where id in (:'m1', :'m2')), 2, '... and its media');
select is((select count(*)::int from storage.objects where name in (:'owner' || '/shot1.jpg', :'talent' || '/shot2.jpg')), 2, '... and their files');
select lives_ok(format($$select gigs.record_showcase_view(%L)$$, :'sc'), 'anon views count');
select tests.authenticate_as(:'other');
select gigs.record_showcase_view(:'sc') from generate_series(1, 4);
select lives_ok(format($$insert into gigs.showcase_likes (showcase_id) values (%L)$$, :'sc'), 'a user likes a public showcase');
select throws_ok(format($$insert into gigs.showcase_likes (showcase_id) values (%L)$$, :'sc'), '23505', null, 'once');
select throws_ok(format($$insert into gigs.showcase_likes (showcase_id, user_id) values (%L, %L)$$, :'sc', :'talent'), '42501', null,
  'nobody likes in another''s name');
select is((select row(likes, views)::text from gigs.showcase_stats(:'sc')), '(1,5)', 'likes and views are counted');
select tests.authenticate_as(:'talent');
select ok(tests.refused(format($$delete from gigs.showcase_likes where showcase_id = %L$$, :'sc')), 'nobody removes another''s like');
select is((gigs.set_showcase_approval(:'sc', false)).visibility, 'private', 'withdrawing an approval makes it private again');
select tests.clear_authentication();
select is((select count(*)::int from storage.objects where name = :'talent' || '/shot2.jpg'), 0, '... and its files with it');
select tests.authenticate_as(:'declined');
select is((select count(*)::int from gigs.showcase_likes where showcase_id = :'sc'), 0, '... and its likes');
select tests.authenticate_as(:'talent');
select count(*) from gigs.set_showcase_approval(:'sc', true);

-- Reviews -----------------------------------------------------------------------------------------------------------------
select tests.authenticate_as(:'declined');
select throws_ok(format($$select gigs.leave_review(%L, %L, 5)$$, :'gig', :'owner'), 'PA001', null, 'a declined applicant does not review');
select tests.authenticate_as(:'talent');
select lives_ok(format($$select gigs.leave_review(%L, %L, 4, '{professional}', 'Great shoot')$$, :'gig', :'owner'), 'the talent reviews the owner');
select throws_ok(format($$select gigs.leave_review(%L, %L, 5)$$, :'gig', :'owner'), '23505', null, 'once each way');
select throws_ok(format($$select gigs.leave_review(%L, %L, 5)$$, :'gig2', :'owner'), 'PA001', null, 'not on a gig they were not accepted for');
select tests.authenticate_as(:'owner');
select throws_ok(format($$select gigs.leave_review(%L, %L, 6)$$, :'gig', :'talent'), '23514', null, 'ratings are 1 to 5');
select lives_ok(format($$select gigs.leave_review(%L, %L, 2, '{}', 'Late', false)$$, :'gig', :'talent'), 'the owner reviews the talent, privately');
select is((select row(rating, review_count)::text from gigs.profiles where user_id = :'owner'), '(4.00,1)', 'the reviewee''s rating follows by trigger');
select throws_ok(format($$insert into gigs.reviews (gig_id, reviewer_id, reviewee_id, rating) values (%L, auth.uid(), %L, 5)$$, :'gig', :'talent'),
  '42501', null, 'reviews are written by gigs.leave_review only');
select tests.clear_authentication();
select is((select count(*)::int from gigs.reviews where gig_id = :'gig'), 1, 'anon reads only the public review');
select tests.authenticate_as(:'talent');
select is((select count(*)::int from gigs.reviews where gig_id = :'gig'), 2, 'the reviewee reads the private review about them');
reset role;
update gigs.gigs set completed_at = now() - interval '31 days' where id = :'gig';
select tests.authenticate_as(:'owner');
-- (the owner has already reviewed; a second talent would be refused the same way)
select throws_ok(format($$select gigs.leave_review(%L, %L, 5)$$, :'gig', :'talent'), 'PA115', null, 'reviews close 30 days after completion');

-- Moderation ----------------------------------------------------------------------------------------------------------------
select tests.authenticate_as(:'other');
select (select id from gigs.reviews where gig_id = :'gig' and is_public) as pub_review \gset
select lives_ok(format($$insert into public.reports (target_type, target_id, reason) values ('gig_review', %L, 'harassment')$$, :'pub_review'),
  'a public review can be reported');
select lives_ok(format($$insert into public.reports (target_type, target_id, reason) values ('gig_showcase', %L, 'harassment')$$, :'sc'),
  'a public showcase can be reported');
select throws_ok(format($$select public.moderate('hide_content', 'gig_review', %L, 'harassment')$$, :'pub_review'), '42501', null, 'only moderators hide');
select tests.authenticate_as(:'mod');
select lives_ok(format($$select public.moderate('hide_content', 'gig_review', %L, 'harassment')$$, :'pub_review'), 'a moderator hides a review');
select lives_ok(format($$select public.moderate('hide_content', 'gig_showcase', %L, 'harassment')$$, :'sc'), '... and a showcase');
select lives_ok(format($$select public.moderate('hide_content', 'gig_media', %L, 'harassment')$$, :'doc'), '... and media');
select tests.clear_authentication();
select is((select count(*)::int from gigs.reviews where id = :'pub_review')
          + (select count(*)::int from gigs.showcases where id = :'sc')
          + (select count(*)::int from gigs.media where id = :'doc')
          + (select count(*)::int from storage.objects where name = :'owner' || '/callsheet.pdf'), 0,
  'hidden reviews, showcases, media and files are out of the public''s sight');
select tests.authenticate_as(:'owner');
select is((select row(rating, review_count)::text from gigs.profiles where user_id = :'owner'), '(,0)', 'a hidden review leaves the rating');
select is((select count(*)::int from gigs.media where id = :'doc'), 1, 'the owner still reads their hidden media');
select tests.authenticate_as_service_role();
select is((select count(*)::int from gigs.reviews where gig_id = :'gig'), 2, 'service_role reads every review');

-- Blanket writes (no WHERE: only the write policies decide) reach one's own rows only.
select tests.authenticate_as(:'talent');
select is(tests.rows_affected($$delete from gigs.media_exif$$), 0::bigint, 'a DELETE of all EXIF removes none of another''s');
select tests.authenticate_as(:'other');
select is(tests.rows_affected($$update gigs.media set blurhash = 'LKO2?U%2Tw=w]~RBVZRi};RPxuwH'$$), 1::bigint, 'an UPDATE of all media changes only one''s own');
select is(tests.rows_affected($$delete from gigs.media$$), 1::bigint, '... and a DELETE removes only one''s own');
select tests.authenticate_as(:'owner');
select is((select count(*)::int from gigs.media_exif), 1, 'the owner''s EXIF is still there');

select * from finish();
rollback;
