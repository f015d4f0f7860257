-- AI images: the per-image price table (who reads and writes it), image requests reserved at n × price
-- and settled with the images returned (billing.ai_reserve_images / ai_settle_images, service only), the
-- registry's accepts_images and output_recorder, and gig_enhancement's images recorded as gigs.media
-- (read by their owner only). The gateway's side (provider, Storage) is in tests/integration/ai-gateway-images.test.ts.
begin;
select plan(58);

select tests.create_user('painter@example.com') as painter \gset
select tests.create_user('other@example.com') as other \gset
select tests.create_user('support@example.com') as support \gset
insert into public.user_staff_roles (user_id, role) values (:'support', 'support');
insert into billing.ai_image_prices (model, size, provider, credits_per_image, max_images) values
  ('img-test', '256x256', 'openai', 30, 3), ('img-test', '512x512', 'openai', 45, 1);
insert into billing.ai_image_prices (model, size, provider, credits_per_image, active) values ('img-test', '128x128', 'openai', 5, false);
insert into billing.ai_user_limits (user_id, requests_per_minute) values (:'painter', 1000);
select billing.transfer(billing.platform_account('promotions', 'CREDIT'), billing.user_account(:'painter', 'CREDIT'), 1000, 'bonus', 'fund-painter') \g /dev/null

-- The price table ---------------------------------------------------------------------------------------------------------
select has_table('billing', 'ai_image_prices', 'image prices are a core table');
select ok((select relrowsecurity from pg_class where oid = 'billing.ai_image_prices'::regclass), '... with RLS on');
select throws_ok($$insert into billing.ai_image_prices (model, size, provider, credits_per_image) values ('x', '1024', 'openai', 1)$$,
  '23514', null, 'a size is WIDTHxHEIGHT');
select throws_ok($$insert into billing.ai_image_prices (model, size, provider, credits_per_image) values ('x', '64x64', 'anthropic', 1)$$,
  '23514', null, 'image prices are for the OpenAI-compatible images API');
select throws_ok($$insert into billing.ai_image_prices (model, size, provider, credits_per_image) values ('x', '64x64', 'openai', 0)$$,
  '23514', null, 'an image costs something');

select tests.clear_authentication();
select is(tests.rows_visible($$select 1 from billing.ai_image_prices where model = 'img-test'$$), 2::bigint, 'anon reads the active image prices');
select ok(tests.refused($$insert into billing.ai_image_prices (model, size, provider, credits_per_image) values ('mine', '64x64', 'openai', 1)$$), '... and writes none');
select tests.authenticate_as(:'painter');
select is(tests.rows_visible($$select 1 from billing.ai_image_prices where model = 'img-test'$$), 2::bigint, 'a user reads the active image prices, not the inactive one');
select ok(tests.refused($$insert into billing.ai_image_prices (model, size, provider, credits_per_image) values ('mine', '64x64', 'openai', 1)$$), 'a user adds no price');
select ok(tests.refused($$update billing.ai_image_prices set credits_per_image = 1 where model = 'img-test'$$), '... changes none');
select ok(tests.refused($$delete from billing.ai_image_prices where model = 'img-test'$$), '... deletes none');
select tests.authenticate_as(:'support');
select is(tests.rows_visible($$select 1 from billing.ai_image_prices where model = 'img-test'$$), 2::bigint, 'staff read the active prices as anyone does');
select ok(tests.refused($$update billing.ai_image_prices set credits_per_image = 1 where model = 'img-test'$$), '... and change none through the API');
select tests.authenticate_as_service_role();
select lives_ok($$update billing.ai_image_prices set credits_per_image = 30 where model = 'img-test' and size = '256x256'$$,
  'the service role manages prices');
reset role;

-- Clients call none of the image functions -------------------------------------------------------------------------------
select tests.authenticate_as(:'painter');
select throws_ok(format($$select * from billing.ai_reserve_images(%L, 'image_generation', 'img-test', '256x256', 1, 'general', null, null, 'c1', 'p')$$, :'painter'),
  '42501', null, 'a user cannot reserve images themself');
select throws_ok(format($$select billing.ai_settle_images(%L, '[]')$$, gen_random_uuid()), '42501', null, '... nor settle them');
select throws_ok($$select gigs.ai_record_enhancement_images(null::billing.ai_requests, '[]')$$, '42501', null, '... nor call gigs'' output recorder');
select tests.clear_authentication();
select throws_ok(format($$select * from billing.ai_reserve_images(%L, 'image_generation', 'img-test', '256x256', 1, 'general', null, null, 'c1', 'p')$$, :'painter'),
  '42501', null, 'nor can anon');
reset role;

-- Reserving ---------------------------------------------------------------------------------------------------------------
select * from billing.ai_reserve_images(:'painter', 'image_generation', 'img-test', '256x256', 3, 'general', 'label', null, 'g1', 'a portrait') \gset g1_
select is(:'g1_reserved_credits'::bigint, 90::bigint, 'n images are reserved at the price for the model and size');
select is((select balance || '/' || held from billing.accounts where user_id = :'painter' and asset = 'CREDIT'), '1000/90', '... as a hold');
select is((select kind || ':' || image_size || ':' || images_requested || ':' || credits_per_image || ':' || last_user_message
             from billing.ai_requests where id = :'g1_request_id'), 'image_generation:256x256:3:30:a portrait', '... journalled with the prompt');
select throws_ok(format($$select * from billing.ai_reserve_images(%L, 'image_generation', 'img-test', '256x256', 1, 'general', null, null, 'g1', 'p')$$, :'painter'),
  'PA110', null, 'the same key while running is refused');
select throws_ok(format($$select * from billing.ai_reserve_images(%L, 'image_generation', 'img-test', '256x256', 4, 'general', null, null, 'g2', 'p')$$, :'painter'),
  '22023', null, 'n above the price''s max_images is refused');
select throws_ok(format($$select * from billing.ai_reserve_images(%L, 'image_generation', 'img-test', '256x256', 0, 'general', null, null, 'g2', 'p')$$, :'painter'),
  '22023', null, '... and n below 1');
select throws_ok(format($$select * from billing.ai_reserve_images(%L, 'image_generation', 'img-test', '1024x1024', 1, 'general', null, null, 'g2', 'p')$$, :'painter'),
  'PA001', null, 'a size without a price is refused');
select throws_ok(format($$select * from billing.ai_reserve_images(%L, 'image_generation', 'img-test', '128x128', 1, 'general', null, null, 'g2', 'p')$$, :'painter'),
  'PA001', null, '... and an inactive price');
select throws_ok(format($$select * from billing.ai_reserve_images(%L, 'chat', 'img-test', '256x256', 1, 'general', null, null, 'g2', 'p')$$, :'painter'),
  '22023', null, 'the kind is an image generation or edit');
select throws_ok(format($$select * from billing.ai_reserve_images(%L, 'image_edit', 'img-test', '512x512', 1, 'general', null, null, 'g2', 'p')$$, :'other'),
  'PA101', null, 'without the credits for n images nothing is held');
-- A purpose registered without images refuses them (the studio's, or this test's).
insert into private.ai_purposes (purpose, product, validator) values ('textonly', 'testing', 'private.ai_allow_general(uuid, text)');
select throws_ok(format($$select * from billing.ai_reserve_images(%L, 'image_generation', 'img-test', '256x256', 1, 'textonly', null, null, 'g3', 'p')$$, :'painter'),
  'PA184', null, 'a purpose that takes no images refuses image requests');
select is((select count(*) from billing.ai_requests where user_id = :'painter')::int, 1, 'refused reservations journal nothing');

-- Settling ---------------------------------------------------------------------------------------------------------------
insert into storage.objects (bucket_id, name) values
  ('media', :'painter' || '/ai/' || :'g1_request_id' || '/0.png'), ('media', :'painter' || '/ai/' || :'g1_request_id' || '/1.png'),
  ('media', :'painter' || '/elsewhere.png');
select throws_ok(format($$select billing.ai_settle_images(%L, %L)$$, :'g1_request_id',
  jsonb_build_array(jsonb_build_object('path', :'painter' || '/elsewhere.png', 'mime_type', 'image/png', 'size', 10, 'width', 1, 'height', 1))),
  '22023', null, 'an output outside the request''s folder is refused');
select throws_ok(format($$select billing.ai_settle_images(%L, %L)$$, :'g1_request_id',
  jsonb_build_array(jsonb_build_object('path', :'painter' || '/ai/' || :'g1_request_id' || '/2.png', 'mime_type', 'image/png', 'size', 10, 'width', 1, 'height', 1))),
  '22023', null, '... and one that is not stored');
select throws_ok(format($$select billing.ai_settle_images(%L, %L)$$, :'g1_request_id',
  jsonb_build_array(jsonb_build_object('path', :'painter' || '/ai/' || :'g1_request_id' || '/0.png', 'mime_type', 'image/png', 'size', 10, 'width', 1, 'height', 1),
                    jsonb_build_object('path', :'painter' || '/ai/' || :'g1_request_id' || '/0.png', 'mime_type', 'image/png', 'size', 10, 'width', 1, 'height', 1))),
  '22023', null, '... and the same file twice');
select throws_ok(format($$select billing.ai_settle_images(%L, %L)$$, :'g1_request_id',
  jsonb_build_array(jsonb_build_object('path', :'painter' || '/ai/' || :'g1_request_id' || '/0.png', 'mime_type', 'text/html', 'size', 10, 'width', 1, 'height', 1))),
  '22023', null, '... and a type that is not an image we store');
select throws_ok(format($$select billing.ai_settle(%L, 1, 1, 'text')$$, :'g1_request_id'), 'PA001', null, 'an image request is not settled as text');
select is((billing.ai_settle_images(:'g1_request_id',
  jsonb_build_array(jsonb_build_object('path', :'painter' || '/ai/' || :'g1_request_id' || '/0.png', 'mime_type', 'image/png', 'size', 10, 'width', 256, 'height', 256, 'revised_prompt', 'better'),
                    jsonb_build_object('path', :'painter' || '/ai/' || :'g1_request_id' || '/1.png', 'mime_type', 'image/png', 'size', 12, 'width', 256, 'height', 256))
  )).credits_charged, 60::bigint, 'two of three images returned: two are charged');
select is((select balance || '/' || held from billing.accounts where user_id = :'painter' and asset = 'CREDIT'), '940/0', '... and the third released');
select is((select response -> 'images' from billing.ai_requests where id = :'g1_request_id'), '{"requested": 3, "returned": 2}'::jsonb,
  'the answer is recorded');
select is((select response -> 'data' -> 0 ->> 'revised_prompt' from billing.ai_reserve_images(:'painter', 'image_generation', 'img-test', '256x256', 3, 'general', null, null, 'g1', 'a portrait')),
  'better', 'the same key afterwards answers the recorded images');
select is((billing.ai_settle_images(:'g1_request_id', '[]')).credits_charged, 60::bigint, 'settling twice changes nothing');
select is((select count(*) from gigs.media where owner_user_id = :'painter')::int, 0, 'general images are recorded in no product');
select * from billing.ai_reserve(:'painter', 'gpt-4o-mini', 10, 10, 'general', null, null, 'chat-1', 'hi') \gset c1_
select throws_ok(format($$select billing.ai_settle_images(%L, '[]')$$, :'c1_request_id'), 'PA001', null, 'a chat request is not settled as images');
select billing.ai_fail(:'c1_request_id', 'not needed') \g /dev/null

select * from billing.ai_reserve_images(:'painter', 'image_edit', 'img-test', '512x512', 1, 'general', null, null, 'e1', 'an edit') \gset e1_
select is((billing.ai_fail(:'e1_request_id', 'provider down')).status, 'failed', 'a failed image request');
select is((select balance || '/' || held from billing.accounts where user_id = :'painter' and asset = 'CREDIT'), '940/0', '... charges nothing');

-- The registry -----------------------------------------------------------------------------------------------------------
create function tests.ai_images_wrong(p_request billing.ai_requests, p_outputs text) returns void
  language sql set search_path = '' as $$ select null::void $$;
select throws_ok($$insert into private.ai_purposes (purpose, product, validator, output_recorder)
                   values ('bad_images', 'testing', 'private.ai_allow_general(uuid, text)', 'tests.ai_images_wrong(billing.ai_requests, text)')$$,
  '22023', null, 'an output recorder with the wrong signature is refused at registration');
select is((select accepts_images from private.ai_purposes where purpose = 'textonly'), false, 'a purpose takes no images unless it says so');
select results_eq($$select purpose || ':' || accepts_images || ':' || coalesce(output_recorder, '-') from private.ai_purposes
                     where product in ('core', 'studio', 'gigs') order by purpose$$,
  array['app:false:-', 'conversation:false:-', 'general:true:-', 'gig_enhancement:true:gigs.ai_record_enhancement_images(billing.ai_requests, jsonb)',
        'project:false:-', 'tool:false:-'],
  'general and gig_enhancement take images; gigs records its outputs');

-- gig_enhancement: its images become the caller's gigs.media ------------------------------------------------------------
insert into gigs.source_images (user_id, storage_path, mime_type) values (:'painter', :'painter' || '/raw.png', 'image/png') returning id as source \gset
select * from billing.ai_reserve_images(:'painter', 'image_generation', 'img-test', '256x256', 1, 'gig_enhancement', :'source', null, 'gig1', 'warmer') \gset m1_
insert into storage.objects (bucket_id, name) values ('media', :'painter' || '/ai/' || :'m1_request_id' || '/0.webp');
select billing.ai_settle_images(:'m1_request_id', jsonb_build_array(jsonb_build_object('path', :'painter' || '/ai/' || :'m1_request_id' || '/0.webp',
  'mime_type', 'image/webp', 'size', 99, 'width', 256, 'height', 256))) \g /dev/null
select is((select type || ':' || mime_type || ':' || file_size || ':' || width || 'x' || height || ':' || visibility from gigs.media where owner_user_id = :'painter'),
  'image:image/webp:99:256x256:private', 'a gig_enhancement image is one of the caller''s private gigs.media');
select is((select (m.generation_metadata ->> 'ai_enhancement_id')::uuid = e.id and e.enhancement_type = 'image_generation' and e.credits_used = 30
             from gigs.media m join gigs.ai_enhancements e on e.ai_request_id = :'m1_request_id'
            where m.owner_user_id = :'painter'), true, '... linked to its enhancement row, which has the kind and the credits');
select tests.authenticate_as(:'painter');
select is(tests.rows_visible(format($$select 1 from gigs.media where owner_user_id = %L$$, :'painter')), 1::bigint, 'the owner reads it');
select tests.authenticate_as(:'other');
select is(tests.rows_visible(format($$select 1 from gigs.media where owner_user_id = %L$$, :'painter')), 0::bigint, 'another user does not');
select tests.authenticate_as(:'support');
select is(tests.rows_visible(format($$select 1 from gigs.media where owner_user_id = %L$$, :'painter')), 0::bigint, 'nor do staff');
select tests.clear_authentication();
select is(tests.rows_visible(format($$select 1 from gigs.media where owner_user_id = %L$$, :'painter')), 0::bigint, 'nor anon');
select tests.authenticate_as(:'painter');
select is(tests.rows_visible(format($$select 1 from billing.ai_requests where id = %L and kind = 'image_generation' and images_returned = 1$$, :'m1_request_id')),
  1::bigint, 'the user reads their image requests');
select tests.authenticate_as(:'other');
select is(tests.rows_visible(format($$select 1 from billing.ai_requests where id = %L$$, :'m1_request_id')), 0::bigint, '... another user does not');
reset role;

-- The files the gateway wrote (no owner: the service role) are the folder's user's to delete, no one else's.
set local storage.allow_delete_query = 'true';
insert into storage.objects (bucket_id, name) values ('report-evidence', :'painter' || '/server-written.png');
select tests.authenticate_as(:'other');
select ok(tests.refused(format($$delete from storage.objects where bucket_id = 'media' and name = %L$$, :'painter' || '/ai/' || :'m1_request_id' || '/0.webp')),
  'another user cannot delete a generated image');
select tests.authenticate_as(:'painter');
select ok(tests.refused(format($$delete from storage.objects where bucket_id = 'report-evidence' and name = %L$$, :'painter' || '/server-written.png')),
  '... and the user deletes no owner-less file outside the media bucket');
select is(tests.rows_affected(format($$delete from storage.objects where bucket_id = 'media' and name = %L$$, :'painter' || '/ai/' || :'m1_request_id' || '/0.webp')),
  1::bigint, 'the owner of the folder deletes it');
reset role;

select * from finish();
rollback;
