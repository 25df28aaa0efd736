from zaakwerk.cli import main

main()
