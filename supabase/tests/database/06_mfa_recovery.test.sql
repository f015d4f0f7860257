-- MFA recovery codes: generated at aal2 only, shown once, hashed, replaced as a set, one-time use.
begin;
select plan(15);

select tests.create_user('alice@example.com') as alice \gset
select tests.create_user('bob@example.com') as bob \gset
insert into auth.mfa_factors (id, user_id, friendly_name, factor_type, status, created_at, updated_at, secret)
values (gen_random_uuid(), :'alice', 'phone app', 'totp', 'verified', now(), now(), 'secret');

select tests.authenticate_as(:'alice');
select throws_ok('select public.generate_mfa_recovery_codes()', '42501', null, 'a session without MFA (aal1) cannot generate codes');

select tests.authenticate_as(:'alice', 'aal2');
create temporary table first_set on commit drop as select code from public.generate_mfa_recovery_codes() code;
select is((select count(distinct code) from first_set)::int, 10, 'ten distinct codes are generated');
select ok((select bool_and(code ~ '^[0-9A-Z]{5}-[0-9A-Z]{5}$') from first_set), 'codes read as XXXXX-XXXXX');
select is(public.mfa_recovery_codes_remaining(), 10, 'ten remain');
select throws_ok('select * from private.mfa_recovery_codes', '42501', null, 'the hashes are not readable by the user');
reset role;
select is((select count(*) from private.mfa_recovery_codes where user_id = :'alice' and code_hash = convert_to(code, 'utf8'))::int, 0,
  'only hashes are stored') from first_set limit 1;

select tests.authenticate_as(:'alice', 'aal2');
create temporary table second_set on commit drop as select code from public.generate_mfa_recovery_codes() code;
select is(public.mfa_recovery_codes_remaining(), 10, 'a new set replaces the old one');

select tests.authenticate_as(:'bob');
select throws_ok(format($$select public.redeem_mfa_recovery_code(%L)$$, (select code from second_set limit 1)), '28000', null,
  'someone else''s code does not work');

select tests.authenticate_as(:'alice');
select throws_ok(format($$select public.redeem_mfa_recovery_code(%L)$$, (select code from first_set limit 1)), '28000', null,
  'a code of the replaced set no longer works');
select throws_ok($$select public.redeem_mfa_recovery_code('AAAAA-AAAAA')$$, '28000', null, 'a wrong code is refused');
select is(public.redeem_mfa_recovery_code(lower((select code from second_set order by code limit 1))), 9, 'a code works at aal1, whatever its case, and nine remain');
select throws_ok(format($$select public.redeem_mfa_recovery_code(%L)$$, (select code from second_set order by code limit 1)), '28000', null,
  'a code works once');

reset role;
select is((select count(*) from auth.mfa_factors where user_id = :'alice')::int, 0, 'redeeming removes the user''s MFA factors so they can enrol again');
select ok(exists (select 1 from audit.audit_log where table_name = 'mfa_recovery_codes' and operation = 'UPDATE' and row_key ->> 'user_id' = :'alice'),
  'the use is recorded in the audit log');

select tests.clear_authentication();
select throws_ok('select public.mfa_recovery_codes_remaining()', '42501', null, 'anon cannot call the recovery RPCs');

select * from finish();
rollback;
