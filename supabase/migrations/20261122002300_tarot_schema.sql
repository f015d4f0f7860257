-- The tarot product's schema (seed 001), exposed through the API; its tables, flows and
-- registrations come with the tarot product's own migrations.
select private.create_product_schema('tarot');
