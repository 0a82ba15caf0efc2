// Not a README recipe: stands in for your NestJS root module (a class with @Module()).
export class AppModule {}
