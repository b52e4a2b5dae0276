// The names a resource's folder gives its generated code.
import { describe, expect, it } from 'vitest';
import { resourceNames } from '../../src/model/resource-names.js';

describe('resourceNames', () => {
  it.each([
    ['todos', 'todo', 'Todo', 'todos', 'todo'],
    ['user-profiles', 'userProfile', 'UserProfile', 'userProfiles', 'user profile'],
    ['blogPosts', 'blogPost', 'BlogPost', 'blogPosts', 'blog post'],
    ['categories', 'category', 'Category', 'categories', 'category'],
    ['boxes', 'box', 'Box', 'boxes', 'box'],
    ['status', 'statusItem', 'StatusItem', 'status', 'status item'],
    ['series', 'seriesItem', 'SeriesItem', 'series', 'series item'],
    ['news', 'newsItem', 'NewsItem', 'news', 'news item'],
    // A one-letter name (found by the property test: it crashed the CLI).
    ['s', 'sItem', 'SItem', 's', 's item'],
    ['a-s', 'aSItem', 'ASItem', 'aS', 'a s item'],
    ['2fa-codes', 'r2faCode', 'R2faCode', 'r2faCodes', '2fa code'],
  ])('%s', (folder, singular, type, pluralCamel, label) => {
    expect(resourceNames(folder)).toEqual({ plural: folder, singular, type, pluralCamel, label });
  });
});
