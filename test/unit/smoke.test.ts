import { Controller, Get, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';

@Controller()
class C { @Get('x') x() { return { ok: true }; } }
@Module({ controllers: [C] })
class M {}

it('nest works', async () => {
  const mod = await Test.createTestingModule({ imports: [M] }).compile();
  const app = mod.createNestApplication();
  await app.init();
  await request(app.getHttpServer()).get('/x').expect(200, { ok: true });
  await app.close();
});
