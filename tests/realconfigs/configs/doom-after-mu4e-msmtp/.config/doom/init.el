;;; init.el -*- lexical-binding: t; -*-

(doom! :completion
       (vertico +icons)
       :ui
       doom doom-dashboard modeline
       :editor
       (evil +everywhere)
       :tools
       (pass +auth)
       magit
       :email
       (mu4e +org +gmail)
       :config
       (default +bindings +smartparens))
