;;; foo.el --- a vendored package  -*- lexical-binding: t -*-
(defvar foo-enabled t)
(provide 'foo)
