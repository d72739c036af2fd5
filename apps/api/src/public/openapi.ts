/**
 * OpenAPI 3.1 description of the open-data API. Summaries and descriptions are written here; every
 * parameter and JSON body is generated (JSON Schema 2020-12, the dialect of OpenAPI 3.1) from the zod
 * schemas the routes validate their queries with and build their answers as, so it cannot drift.
 */
import { z } from 'zod';
import { compareQuerySchema } from './compare';
import { accountCheckQuerySchema, editionQuerySchema, embedQuerySchema, organizationSearchQuerySchema, trendsQuerySchema } from './query-schemas';
import { JSON_SCHEMA_OPTIONS, queryParameters } from './openapi-zod';
import { comparisonBodySchema, editionBriefSchema, editionInsightsBodySchema, editionMoverSchema, editionViewRowSchema, notStatedSchema, slaSummarySchema } from '@most/domain';
import {
  accountCheckBodySchema,
  editionsBodySchema,
  editionViewBodySchema,
  errorBodySchema,
  methodologyBodySchema,
  organizationProfileBodySchema,
  organizationSearchBodySchema,
  publicEditionSummarySchema,
  publicMethodologySchema,
  trendsBodySchema,
} from '@most/domain/public-api';
import { CSV_TYPE, XLSX_TYPE } from './formats';

/** The document's named schemas: zod schema → component name (bodies and the parts they share). */
const COMPONENTS: readonly [z.ZodType, string][] = [
  [errorBodySchema, 'Error'],
  [editionBriefSchema, 'EditionBrief'],
  [publicEditionSummarySchema, 'EditionSummary'],
  [editionViewRowSchema, 'EditionRow'],
  [notStatedSchema, 'NotStated'],
  [slaSummarySchema, 'SlaSummary'],
  [editionMoverSchema, 'EditionMover'],
  [publicMethodologySchema, 'MethodologyVersion'],
  [editionsBodySchema, 'EditionList'],
  [editionViewBodySchema, 'EditionView'],
  [organizationProfileBodySchema, 'OrganizationProfile'],
  [organizationSearchBodySchema, 'OrganizationSearch'],
  [editionInsightsBodySchema, 'EditionInsights'],
  [trendsBodySchema, 'OrganizationTrends'],
  [comparisonBodySchema, 'Comparison'],
  [methodologyBodySchema, 'MethodologyVersions'],
  [accountCheckBodySchema, 'AccountCheck'],
];
const componentName = new Map(COMPONENTS);
const ref = (schema: z.ZodType) => {
  const name = componentName.get(schema);
  if (!name) throw new Error('A documented body is missing from COMPONENTS');
  return { $ref: `#/components/schemas/${name}` };
};

/** The JSON body of a successful answer, per documented path: the table the test checks real answers against. */
export const PUBLIC_JSON_BODIES = {
  '/editions': editionsBodySchema,
  '/editions/{slug}': editionViewBodySchema,
  '/editions/{slug}/insights': editionInsightsBodySchema,
  '/organizations': organizationSearchBodySchema,
  '/organizations/{code}': organizationProfileBodySchema,
  '/organizations/{code}/trends': trendsBodySchema,
  '/compare': comparisonBodySchema,
  '/methodology': methodologyBodySchema,
  '/accounts/check': accountCheckBodySchema,
} as const satisfies Record<string, z.ZodType>;
export type PublicJsonPath = keyof typeof PUBLIC_JSON_BODIES;

/** Every named schema as JSON Schema, references between them as components. */
export function componentSchemas(): Record<string, object> {
  const registry = z.registry<{ id: string }>();
  for (const [schema, id] of COMPONENTS) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { ...JSON_SCHEMA_OPTIONS, uri: (id) => `#/components/schemas/${id}` });
  return Object.fromEntries(Object.entries(schemas).map(([id, { $schema: _schema, $id: _id, ...json }]) => [id, json]));
}

const json = (path: PublicJsonPath) => ({ 'application/json': { schema: ref(PUBLIC_JSON_BODIES[path]) } });
/** `text/csv; charset=utf-8` → `text/csv`: the document names media types without parameters. */
const mediaType = (contentType: string) => contentType.split(';')[0]!;
const binary = (type: string) => ({ [type]: { schema: { type: 'string', format: 'binary' } } });
const text = (type: string) => ({ [type]: { schema: { type: 'string' } } });
const pathParameter = (name: string, description: string) => ({ name, in: 'path', required: true, description, schema: { type: 'string' } });
const slugParameter = pathParameter('slug', 'Код выпуска');
const codeParameter = pathParameter('code', 'Код организации');

/** The tables an edition and a comparison are also offered as. */
const fileContent = { ...text(mediaType(CSV_TYPE)), ...binary(XLSX_TYPE) };
const errorContent = { 'application/json': { schema: ref(errorBodySchema) } };
const errorResponses = {
  '404': { description: 'Не найдено', content: errorContent },
  '429': {
    description: 'Слишком много запросов; см. заголовок Retry-After',
    headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Секунд до следующей попытки' } },
    content: errorContent,
  },
};
const badRequest = { '400': { description: 'Неверные параметры; в details.fields — какие и почему', content: errorContent } };

export function openApiDocument(serverUrl: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Цифровой мост — открытые данные',
      version: '1.0.0',
      description:
        'Рейтинги официальных страниц органов власти и учреждений, методика, профили организаций и проверка «официальный ли это аккаунт». ' +
        'Без авторизации. Опубликованные выпуски неизменны и кэшируются (ETag, Cache-Control: immutable). Ограничение частоты запросов по IP: при превышении — 429 и Retry-After.',
      license: { name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' },
    },
    servers: [{ url: `${serverUrl}/api/public/v1` }],
    paths: {
      '/editions': {
        get: {
          operationId: 'listEditions',
          summary: 'Опубликованные выпуски рейтинга',
          responses: {
            '200': {
              description: 'Список, новые периоды первыми',
              content: json('/editions'),
            },
            '429': errorResponses['429'],
          },
        },
      },
      '/editions/latest': {
        get: { operationId: 'latestEdition', summary: 'Перенаправление на последний выпуск', responses: { '302': { description: 'Location: /editions/{slug}' }, ...errorResponses } },
      },
      '/editions/{slug}': {
        get: {
          operationId: 'getEdition',
          summary: 'Выпуск рейтинга (JSON, CSV, CSV для Excel или XLSX)',
          description:
            'Фильтры пересчитывают места внутри выборки (равные баллы — одно место: 1, 2, 2, 4). Изменение к предыдущему выпуску считается только по критериям, которые есть в обеих версиях методики. CSV — UTF-8 с BOM, все строки без постраничной разбивки; у неранжированных строк колонки unranked_reason (код) и unranked_reason_text (причина по-русски). csv — стандартный CSV для программ (запятые, десятичная точка, английские заголовки); csv-excel — для Excel (точка с запятой, десятичная запятая, русские заголовки); xlsx — книга Excel с русскими заголовками, числа — числами.',
          parameters: [slugParameter, ...queryParameters(editionQuerySchema, { kind: 'Категория организаций', sector: 'Отрасль', municipality: 'Код муниципального образования' })],
          responses: {
            '200': {
              description: 'Выпуск',
              headers: { ETag: { schema: { type: 'string' } }, 'Cache-Control': { schema: { type: 'string' } } },
              content: { ...json('/editions/{slug}'), ...fileContent },
            },
            '304': { description: 'Не изменился (If-None-Match)' },
            ...badRequest,
            ...errorResponses,
          },
        },
      },
      '/organizations/{code}': {
        get: {
          operationId: 'getOrganization',
          summary: 'Профиль организации: официальные аккаунты и история в рейтингах',
          parameters: [codeParameter],
          responses: { '200': { description: 'Профиль', content: json('/organizations/{code}') }, ...errorResponses },
        },
      },
      '/organizations': {
        get: {
          operationId: 'searchOrganizations',
          summary: 'Поиск организации по названию и её официальные страницы',
          description: 'Без учёта регистра; сначала названия, которые начинаются с запроса. До 10 организаций.',
          parameters: queryParameters(organizationSearchQuerySchema),
          responses: {
            '200': { description: 'Найденные организации', content: json('/organizations') },
            ...badRequest,
            ...errorResponses,
          },
        },
      },
      '/editions/{slug}/insights': {
        get: {
          operationId: 'getEditionInsights',
          summary: 'Главные цифры выпуска: охват, доля ответов за 24 часа, медиана времени ответа, кто вырос и упал, муниципалитеты',
          description: 'Показатель без достаточных данных приходит как {status: "not_enough_data", code, text} с причиной. slug = latest — последний выпуск.',
          parameters: [{ ...slugParameter, description: 'Код выпуска; latest — последний' }],
          responses: { '200': { description: 'Цифры выпуска', content: json('/editions/{slug}/insights') }, ...errorResponses },
        },
      },
      '/organizations/{code}/trends': {
        get: {
          operationId: 'getOrganizationTrends',
          summary: 'Балл, место и доля ответов за 24 часа организации по выпускам или по месяцам рядом с медианой региона',
          description:
            'Каждая точка: key (код выпуска или месяц ГГГГ-ММ), title, periodStart, periodEnd, score, rank (у месяцев — null: по месяцам мест нет), rankedCount, regionMedianScore, sla и regionSla (доля ответов за 24 часа или {status: "not_enough_data", text}).',
          parameters: [codeParameter, ...queryParameters(trendsQuerySchema)],
          responses: { '200': { description: 'Точки от старых к новым', content: json('/organizations/{code}/trends') }, ...badRequest, ...errorResponses },
        },
      },
      '/organizations/{code}/scorecard.pdf': {
        get: {
          operationId: 'getScorecard',
          summary: 'Карточка организации для печати (PDF, одна страница)',
          description: 'Балл и место в последнем выпуске, баллы по критериям, на чём основана оценка (какие страницы оценены, какие нет и почему), QR-код на страницу организации.',
          parameters: [codeParameter],
          responses: { '200': { description: 'PDF', content: binary('application/pdf') }, ...errorResponses },
        },
      },
      '/editions/{slug}/preview.png': {
        get: {
          operationId: 'editionPreview',
          summary: 'Картинка для предпросмотра ссылки на выпуск (PNG 1200×630)',
          parameters: [slugParameter],
          responses: { '200': { description: 'PNG', content: binary('image/png') }, ...errorResponses },
        },
      },
      '/organizations/{code}/preview.png': {
        get: {
          operationId: 'organizationPreview',
          summary: 'Картинка для предпросмотра ссылки на организацию (PNG 1200×630)',
          parameters: [codeParameter],
          responses: { '200': { description: 'PNG', content: binary('image/png') }, ...errorResponses },
        },
      },
      '/compare': {
        get: {
          operationId: 'compare',
          summary: 'Сравнение 2–5 организаций или муниципалитетов по каждому критерию выпуска',
          description:
            'Один маршрут для данных и файлов: format=json — столбцы и критерии для страницы сравнения (pageUrl — ссылка, которой можно поделиться); csv, csv-excel, xlsx — таблица «показатель × организация». Нужен ровно один из параметров organizations или municipalities; неизвестный код — 404 с его названием.',
          parameters: queryParameters(compareQuerySchema),
          responses: {
            '200': { description: 'Столбцы и критерии; неизмеренный критерий — {status: "not_measured", text}', content: { ...json('/compare'), ...fileContent } },
            ...badRequest,
            ...errorResponses,
          },
        },
      },
      '/methodology': {
        get: {
          operationId: 'listMethodologyVersions',
          summary: 'Версии методики с критериями, весами и порогами',
          responses: {
            '200': { description: 'Версии', content: json('/methodology') },
            '429': errorResponses['429'],
          },
        },
      },
      '/accounts/check': {
        get: {
          operationId: 'checkAccount',
          summary: 'Официальный ли это аккаунт?',
          description: 'Принимает любую форму адреса VK, OK или Telegram (m.vk.com, club123, @channel…).',
          parameters: queryParameters(accountCheckQuerySchema),
          responses: {
            '200': { description: 'Результат проверки', content: json('/accounts/check') },
            ...badRequest,
            '429': errorResponses['429'],
          },
        },
      },
      '/feeds/editions.rss': {
        get: { operationId: 'editionsRss', summary: 'RSS 2.0 лента выпусков', responses: { '200': { description: 'RSS', content: text('application/rss+xml') } } },
      },
      '/feeds/editions.atom': {
        get: { operationId: 'editionsAtom', summary: 'Atom лента выпусков', responses: { '200': { description: 'Atom', content: text('application/atom+xml') } } },
      },
      '/embed/rankings/{edition}': {
        servers: [{ url: serverUrl }],
        get: {
          operationId: 'embedRanking',
          summary: 'Виджет рейтинга для вставки на сайт (HTML без скриптов, для iframe)',
          description: 'edition = latest — виджет сам переходит на каждый новый выпуск.',
          parameters: [pathParameter('edition', 'Код выпуска; latest — последний'), ...queryParameters(embedQuerySchema)],
          responses: { '200': { description: 'HTML', content: text('text/html') }, ...badRequest, ...errorResponses },
        },
      },
    },
    components: { schemas: componentSchemas() },
  };
}

export type OpenApiDocument = ReturnType<typeof openApiDocument>;
