import OrderDeskCLI

await OrderDeskMain.run()
