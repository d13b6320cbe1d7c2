/** Category catalogue (事项目录). */
export { CategoryModel, type CategoryDoc } from './category.model';
export { getCategory, listCategories, createCategory, updateCategory } from './catalogue.service';
export type { Category } from './catalogue.presenter';
export { loadCategories, readCategoryFixture } from './categories.loader';
export { createCatalogueRouter } from './catalogue.routes';
