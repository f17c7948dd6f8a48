;;; init.el -*- lexical-binding: t; -*-
(doom! :completion
       (ivy +prescient)
       :ui
       doom
       modeline
       :editor
       (evil +everywhere)
       :emacs
       dired
       :tools
       magit
       :lang
       emacs-lisp
       org
       :email
       notmuch
       :config
       (default +bindings +smartparens))
